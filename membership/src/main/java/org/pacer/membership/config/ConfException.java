package org.pacer.membership.config;

import java.nio.file.Path;

/**
 * A corosync.conf that cannot be used: a syntax error or a value that makes no sense. The message
 * always names the file and line so the operator can go straight to it.
 */
public final class ConfException extends Exception {

  private final String file;
  private final int line;

  public ConfException(String file, int line, String problem) {
    super(file + ":" + line + ": " + problem);
    this.file = file;
    this.line = line;
  }

  public ConfException(Path file, int line, String problem) {
    this(String.valueOf(file), line, problem);
  }

  public String file() {
    return file;
  }

  /** 1-based line number, or 0 when the problem concerns the file as a whole. */
  public int line() {
    return line;
  }
}
