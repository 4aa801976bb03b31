package org.pacer.crmd.history;

/** Execution status codes of an operation, as the status section's {@code op-status} holds them. */
public final class OpStatus {
  public static final int PENDING = -1;
  public static final int DONE = 0;
  public static final int CANCELLED = 1;
  public static final int TIMEOUT = 2;
  public static final int NOT_SUPPORTED = 3;
  public static final int ERROR = 4;
  public static final int ERROR_HARD = 5;
  public static final int ERROR_FATAL = 6;
  public static final int NOT_INSTALLED = 7;
  public static final int NOT_CONNECTED = 8;
  public static final int INVALID = 9;

  /** OCF return codes the controller looks at. */
  public static final int RC_OK = 0;

  public static final int RC_ERROR = 1;
  public static final int RC_NOT_RUNNING = 7;
  public static final int RC_RUNNING_PROMOTED = 8;
  public static final int RC_FAILED_PROMOTED = 9;

  /** rc-code recorded for an action the controller gave up on (no result in time). */
  public static final int RC_UNKNOWN_ERROR = 1;

  private OpStatus() {}
}
