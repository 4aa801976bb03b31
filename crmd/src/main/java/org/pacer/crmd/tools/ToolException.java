package org.pacer.crmd.tools;

/** A helper command fails with this exit code and this line on standard error. */
public final class ToolException extends Exception {
  private final int exitCode;

  public ToolException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
