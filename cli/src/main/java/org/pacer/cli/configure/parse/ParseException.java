package org.pacer.cli.configure.parse;

/** A configure-language input that cannot be understood: says where, what, and what would do. */
public final class ParseException extends Exception {
  private final int line;

  public ParseException(int line, String message) {
    super("line " + line + ": " + message);
    this.line = line;
  }

  public int line() {
    return line;
  }
}
