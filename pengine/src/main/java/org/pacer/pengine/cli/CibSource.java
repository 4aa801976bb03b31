package org.pacer.pengine.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a command reads its CIB: a file, standard input ("-"), or the live cluster. */
final class CibSource {
  private CibSource() {}

  /**
   * Reads the CIB text.
   *
   * @throws CommandFailure with the exit code when it cannot be read
   */
  static String read(Path file, boolean live) {
    if (live) {
      throw new CommandFailure(
          ExitCodes.UNAVAILABLE,
          "cannot reach the live CIB: pacer-cib is not running on this node (use -x FILE)");
    }
    if (file == null) {
      throw new CommandFailure(ExitCodes.USAGE, "no CIB given: use -x FILE or -L");
    }
    try {
      if (file.toString().equals("-")) {
        return new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      }
      return Files.readString(file);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new CommandFailure(ExitCodes.NO_INPUT, "cannot read " + file + ": no such file");
    } catch (IOException e) {
      throw new CommandFailure(ExitCodes.NO_INPUT, "cannot read " + file + ": " + e.getMessage());
    }
  }

  static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new CommandFailure(
          ExitCodes.CANT_CREATE, "cannot write " + file + ": " + e.getMessage());
    }
  }
}
