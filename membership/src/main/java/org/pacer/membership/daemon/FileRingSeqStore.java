package org.pacer.membership.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.pacer.membership.totem.RingSeqStore;

/**
 * Keeps the highest ring seq in a small text file, replaced atomically and synced to disk before
 * {@link #store} returns, so a crash never leaves a lower or half-written value.
 */
public final class FileRingSeqStore implements RingSeqStore {

  private final Path file;

  public FileRingSeqStore(Path file) {
    this.file = file;
  }

  @Override
  public long load() {
    try {
      if (!Files.exists(file)) {
        return 0;
      }
      String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
      return text.isEmpty() ? 0 : Long.parseLong(text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read ring seq from " + file, e);
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          file + " does not hold a ring seq (" + e.getMessage() + "); remove it to start over", e);
    }
  }

  @Override
  public void store(long seq) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (FileChannel ch =
          FileChannel.open(
              tmp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        ch.write(ByteBuffer.wrap((seq + "\n").getBytes(StandardCharsets.US_ASCII)));
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store ring seq in " + file, e);
    }
  }
}
