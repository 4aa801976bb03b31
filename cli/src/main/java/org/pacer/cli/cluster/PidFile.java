package org.pacer.cli.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** A pid file: one decimal pid and a newline, written atomically. */
final class PidFile {
  private PidFile() {}

  static void write(Path file, long pid) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, pid + "\n", StandardCharsets.US_ASCII);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  static Optional<Long> read(Path file) {
    try {
      return Optional.of(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The live process a pid file names, if the file exists and the process is alive. */
  static Optional<ProcessHandle> live(Path file) {
    return read(file).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
  }

  static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A leftover pid file names a dead process; readers check liveness.
    }
  }
}
