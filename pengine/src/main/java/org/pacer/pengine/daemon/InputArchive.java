package org.pacer.pengine.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the last N scheduler inputs as {@code pe-input-N.xml} (and failed ones as {@code
 * pe-error-N.xml}) so that any decision can be replayed with {@code crm simulate -x}. Numbers wrap
 * at the series maximum, as Pacemaker's do, and continue after a restart from the highest file
 * present.
 */
public final class InputArchive {
  private static final Pattern NAME = Pattern.compile("pe-(input|error)-(\\d+)\\.xml");
  private final Path dir;
  private long nextInput;
  private long nextError;

  public InputArchive(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir);
    try (var files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (!m.matches()) {
          continue;
        }
        long n = Long.parseLong(m.group(2)) + 1;
        if (m.group(1).equals("input")) {
          nextInput = Math.max(nextInput, n);
        } else {
          nextError = Math.max(nextError, n);
        }
      }
    }
  }

  /**
   * Saves an input and returns its path. With {@code max} 0 nothing is kept (null returned). Writes
   * to a temporary file and renames it, so a crash never leaves half a file.
   */
  public synchronized Path save(String xml, boolean error, long max) throws IOException {
    if (max <= 0) {
      return null;
    }
    long n = error ? nextError : nextInput;
    if (n >= max) {
      n = 0; // wrap: the oldest input is overwritten
    }
    Path target = dir.resolve("pe-" + (error ? "error" : "input") + "-" + n + ".xml");
    Path tmp = dir.resolve("." + target.getFileName() + ".tmp");
    Files.write(tmp, xml.getBytes(StandardCharsets.UTF_8));
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    if (error) {
      nextError = n + 1;
    } else {
      nextInput = n + 1;
    }
    return target;
  }

  public Path dir() {
    return dir;
  }
}
