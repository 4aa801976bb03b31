package org.pacer.pengine.cli;

/** A command that must stop with a message and an exit code. */
final class CommandFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final int exitCode;

  CommandFailure(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }
}
