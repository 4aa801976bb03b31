package org.pacer.it.harness;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A full disk under one directory (a node's CIB directory): a tmpfs with a size limit mounted on
 * it, which {@link #fill()} fills to the last byte and {@link #free()} empties again. Mount it
 * before the node starts (it hides what the directory held). Needs root.
 *
 * <p>{@link #close()} unmounts lazily ({@code umount -l}): a daemon still running may hold files
 * there, and the mount must not outlive the test whatever the order things are closed in.
 */
public final class DiskFull implements AutoCloseable {

  private final Path dir;
  private final Path filler;

  private DiskFull(Path dir) {
    this.dir = dir;
    this.filler = dir.resolve("it-disk-filler");
  }

  /** Mounts a tmpfs of {@code bytes} on {@code dir} (created if missing; it must be empty). */
  public static DiskFull mount(Path dir, long bytes) throws IOException {
    if (!Privileges.root()) {
      throw new IllegalStateException("a size-limited tmpfs needs root");
    }
    Files.createDirectories(dir);
    try (var entries = Files.list(dir)) {
      if (entries.findAny().isPresent()) {
        throw new IllegalStateException(dir + " is not empty: a tmpfs mounted there would hide it");
      }
    }
    Command.check(
        "mount",
        "-t",
        "tmpfs",
        "-o",
        "size=" + bytes + ",mode=0750",
        "pacer-it-disk",
        dir.toString());
    return new DiskFull(dir);
  }

  public Path dir() {
    return dir;
  }

  /**
   * Writes a filler file until the file system refuses (no space left); returns its size. Nothing
   * else can then be created or grown there.
   */
  public long fill() throws IOException {
    byte[] block = new byte[4096];
    long written = 0;
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(block);
        written += block.length;
        if (written > (1L << 32)) {
          throw new IllegalStateException(dir + " is not a size-limited file system");
        }
      }
    } catch (IOException e) {
      if (Files.getFileStore(dir).getUsableSpace() > 0 && written == 0) {
        throw e;
      }
    }
    // The last partial block: fill to the byte.
    try (OutputStream out =
        Files.newOutputStream(filler, java.nio.file.StandardOpenOption.APPEND)) {
      while (true) {
        out.write(0);
        out.flush();
        written++;
      }
    } catch (IOException e) {
      // Full.
    }
    return written;
  }

  /** Space left (0 once {@link #fill()} returned). */
  public long usable() throws IOException {
    return Files.getFileStore(dir).getUsableSpace();
  }

  /** Deletes the filler: the space is back. */
  public void free() throws IOException {
    Files.deleteIfExists(filler);
  }

  @Override
  public void close() {
    Command.quietly("umount", "-l", dir.toString());
  }
}
