package org.pacer.stonithd.cli;

/** Pacemaker's exit codes as stonith_admin uses them. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int ERROR = 1;
  public static final int INVALID_PARAM = 2;
  public static final int USAGE = 64;
  public static final int NOT_CONNECTED = 102;
  public static final int NO_SUCH = 105;
  public static final int TIMEOUT = 124;

  private ExitCodes() {}
}
