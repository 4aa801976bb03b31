package org.pacer.pengine.model;

/**
 * An {@code <lrm_rsc_op>}: one recorded operation result. {@code status} is the execution status (0
 * done, -1 pending, 1 cancelled, 2 timed out, 3 not supported, 4 error, 5 hard error, 6 error
 * fatal, 7 not installed...), {@code rc} the agent's return code.
 */
public record LrmOp(
    String id,
    String operation,
    int callId,
    int rc,
    int status,
    long intervalMs,
    long lastRcChange,
    long lastRun,
    String opDigest,
    String restartDigest,
    String forceRestart,
    String secureDigest,
    String secureParams,
    String transitionKey,
    String migrateSource,
    String migrateTarget,
    String exitReason) {

  /** The rc the recording controller expected, from the transition key "a:b:EXPECTED:uuid". */
  public int expectedRc() {
    if (transitionKey == null) {
      return -1;
    }
    String[] parts = transitionKey.split(":");
    if (parts.length < 4) {
      return -1;
    }
    try {
      return Integer.parseInt(parts[2]);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
