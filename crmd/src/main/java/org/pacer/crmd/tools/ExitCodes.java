package org.pacer.crmd.tools;

/** Pacemaker's exit codes, as its command-line tools return them. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int ERROR = 1;
  public static final int INVALID_PARAM = 2;
  public static final int USAGE = 64;
  public static final int DATAERR = 65;
  public static final int PROTOCOL = 76;
  public static final int NOT_CONNECTED = 102;
  public static final int NOSUCH = 105;

  private ExitCodes() {}
}
