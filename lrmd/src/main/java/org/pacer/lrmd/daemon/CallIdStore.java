package org.pacer.lrmd.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Keeps call ids growing across restarts. The file holds a ceiling no id has reached; the daemon
 * starts at it and raises it a block at a time before handing out an id at or above it, so even
 * after a crash no id is handed out twice.
 */
public final class CallIdStore {

  static final long BLOCK = 10_000;

  private final Path file;
  private long ceiling;

  private CallIdStore(Path file, long ceiling) {
    this.file = file;
    this.ceiling = ceiling;
  }

  /**
   * Opens the store and returns it with the first id this run may use.
   *
   * @throws IOException when the file exists but cannot be read or holds no number
   */
  public static CallIdStore open(Path file) throws IOException {
    long start = 1;
    if (Files.exists(file)) {
      String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
      try {
        start = Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw new IOException(file + " should hold the next call id, but holds '" + text + "'");
      }
    }
    CallIdStore store = new CallIdStore(file, start);
    store.raiseTo(start + BLOCK);
    return store;
  }

  /** The first id of this run (the ceiling the last run left). */
  public long firstId() {
    return ceiling - BLOCK;
  }

  /** Makes sure {@code next} is below the persisted ceiling; raises it when not. */
  public void ensureBelow(long next) {
    if (next >= ceiling - BLOCK / 10) {
      try {
        raiseTo(next + BLOCK);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot persist call ids in " + file, e);
      }
    }
  }

  private void raiseTo(long value) throws IOException {
    Files.createDirectories(file.getParent());
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temp, Long.toString(value) + "\n", StandardCharsets.US_ASCII);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    ceiling = value;
  }
}
