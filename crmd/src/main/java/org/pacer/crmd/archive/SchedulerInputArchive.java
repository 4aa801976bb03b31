package org.pacer.crmd.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DC's archive of scheduler inputs, as Pacemaker keeps them in /var/lib/pacemaker/pengine: each
 * CIB the scheduler computed a transition from is saved as {@code pe-input-N.bz2} ({@code
 * pe-warn-N.bz2} when the scheduler warned, {@code pe-error-N.bz2} when it could not schedule), so
 * an operator can replay any decision with {@code crm simulate -x FILE}. Each series is numbered
 * from its {@code <series>.last} file (the next number, as Pacemaker's), wraps at its series-max
 * (overwriting the oldest) and continues after a restart. An input identical to the series'
 * previous one is not saved again: the previous file is named instead.
 *
 * <p>The number is taken at once (the transition's log line names the file) and the file is
 * compressed and written on a thread of its own, to a temporary name and renamed, so scheduling
 * never waits for bzip2 and a crash never leaves half a file.
 */
public final class SchedulerInputArchive implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SchedulerInputArchive.class);

  /** The three series and their file names. */
  public enum Series {
    INPUT("pe-input"),
    WARN("pe-warn"),
    ERROR("pe-error");

    private final String prefix;

    Series(String prefix) {
      this.prefix = prefix;
    }

    public String prefix() {
      return prefix;
    }
  }

  private final Path dir;
  private final ExecutorService writer;
  private final Map<Series, Long> next = new EnumMap<>(Series.class);
  private final Map<Series, byte[]> lastDigest = new EnumMap<>(Series.class);
  private final Map<Series, Path> lastPath = new EnumMap<>(Series.class);

  /** An archive in {@code dir} (created when missing). */
  public SchedulerInputArchive(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir);
    this.writer =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "crmd-pe-archive");
              t.setDaemon(true);
              return t;
            });
  }

  public Path dir() {
    return dir;
  }

  /**
   * Saves {@code cibXml} in {@code series}, keeping at most {@code max} files ({@code -1}: no
   * limit; {@code 0}: none, and null is returned); returns the file that holds it.
   */
  public synchronized Path save(Series series, String cibXml, long max) throws IOException {
    if (max == 0) {
      return null;
    }
    byte[] data = cibXml.getBytes(StandardCharsets.UTF_8);
    byte[] digest = sha256(data);
    Path previous = lastPath.get(series);
    if (previous != null && Arrays.equals(digest, lastDigest.get(series))) {
      return previous;
    }
    long seq = next.containsKey(series) ? next.get(series) : readSequence(series);
    if (max > 0 && seq >= max) {
      seq = 0;
    }
    Path target = dir.resolve(series.prefix() + "-" + seq + ".bz2");
    long following = max > 0 && seq + 1 >= max ? 0 : seq + 1;
    writeAtomically(dir.resolve(series.prefix() + ".last"), (following + "\n").getBytes());
    next.put(series, following);
    lastDigest.put(series, digest);
    lastPath.put(series, target);
    writer.execute(
        () -> {
          try {
            writeAtomically(target, Bzip2Encoder.compress(data));
          } catch (IOException | RuntimeException e) {
            // Replay material only: scheduling goes on without it, loudly.
            log.warn("cannot save the scheduler input {}: {}", target, e.getMessage());
          }
        });
    return target;
  }

  /** The next number of a series from its {@code .last} file: 0 when missing or unreadable. */
  private long readSequence(Series series) {
    Path last = dir.resolve(series.prefix() + ".last");
    try {
      if (Files.exists(last)) {
        long v = Long.parseLong(Files.readString(last).trim());
        return Math.max(0, v);
      }
    } catch (IOException | NumberFormatException e) {
      log.warn("{} is unreadable ({}); numbering {} from 0", last, e.getMessage(), series.prefix());
    }
    return 0;
  }

  private static void writeAtomically(Path target, byte[] content) throws IOException {
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
    Files.write(tmp, content);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  /** Waits (up to {@code millis}) until every file asked for so far is written; for tests. */
  public void flush(long millis) throws InterruptedException {
    try {
      writer.submit(() -> {}).get(millis, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the archive did not finish writing in " + millis + " ms", e);
    }
  }

  /** Finishes the files already numbered (a second at most), then stops. */
  @Override
  public void close() {
    writer.shutdown();
    try {
      writer.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
