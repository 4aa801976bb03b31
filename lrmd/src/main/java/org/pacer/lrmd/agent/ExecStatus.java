package org.pacer.lrmd.agent;

/**
 * Whether an action ran to an agent-reported result, and if not why (Pacemaker's "op-status"). The
 * OCF code of a result is meaningful only with {@link #DONE}.
 */
public enum ExecStatus {
  /** Queued or running; not yet a result. */
  PENDING(-1, "Pending"),
  /** The agent ran and its exit code is the result. */
  DONE(0, "Done"),
  /** Cancelled before it ran, or a recurring operation that was cancelled. */
  CANCELLED(1, "Cancelled"),
  /** The agent did not exit within the timeout and was killed. */
  TIMEOUT(2, "Timed Out"),
  /** The class or action is not supported on this node. */
  NOT_SUPPORTED(3, "NOT SUPPORTED"),
  /** The agent could not run to completion (killed by a signal, could not be started). */
  ERROR(4, "Error"),
  /** The agent does not exist on this node. */
  NOT_INSTALLED(7, "Not installed"),
  /** The executor cannot reach the component that runs this class (stonithd for stonith). */
  NOT_CONNECTED(8, "Not connected");

  private final int code;
  private final String text;

  ExecStatus(int code, String text) {
    this.code = code;
    this.text = text;
  }

  /** The number Pacemaker records as {@code op-status} in the CIB status section. */
  public int code() {
    return code;
  }

  public String text() {
    return text;
  }
}
