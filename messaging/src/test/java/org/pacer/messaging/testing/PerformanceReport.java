package org.pacer.messaging.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes a benchmark's figures into {@code docs/performance.md}, replacing only the block between
 * {@code <!-- NAME:begin -->} and {@code <!-- NAME:end -->}, so each benchmark owns its block and
 * re-running one leaves the others alone.
 */
public final class PerformanceReport {
  private PerformanceReport() {}

  /** Finds {@code docs/performance.md} from the working directory (a module or the repo root). */
  public static Path locate() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("docs"))) {
        return dir.resolve("docs/performance.md");
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("no docs/ directory above " + Path.of("").toAbsolutePath());
  }

  public static void update(Path doc, String name, String markdown) throws IOException {
    String begin = "<!-- " + name + ":begin -->";
    String end = "<!-- " + name + ":end -->";
    String text = Files.exists(doc) ? Files.readString(doc) : "# Performance\n";
    String block = begin + "\n" + markdown.strip() + "\n" + end;
    int b = text.indexOf(begin);
    int e = text.indexOf(end);
    if (b >= 0 && e > b) {
      text = text.substring(0, b) + block + text.substring(e + end.length());
    } else {
      text = text.stripTrailing() + "\n\n" + block + "\n";
    }
    Files.writeString(doc, text);
  }

  /** The p-th percentile (0–100) of nanosecond samples, in microseconds. */
  public static double percentileMicros(long[] nanos, double p) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1000.0;
  }
}
