package org.pacer.pengine.cli;

/** Exit codes, as Pacemaker's tools use them. */
final class ExitCodes {
  static final int OK = 0;
  static final int ERROR = 1;
  static final int USAGE = 64;
  static final int DATA = 65;
  static final int NO_INPUT = 66;
  static final int UNAVAILABLE = 69;
  static final int CANT_CREATE = 73;
  static final int CONFIG = 78;

  private ExitCodes() {}
}
