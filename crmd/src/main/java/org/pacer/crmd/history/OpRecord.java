package org.pacer.crmd.history;

/**
 * One {@code <lrm_rsc_op>}: an operation's last result on a node, as the status section holds it.
 *
 * @param id the entry id: {@code RSC_last_0}, {@code RSC_last_failure_0} or {@code
 *     RSC_monitor_INTERVAL}
 * @param operationKey e.g. {@code web_start_0}
 * @param operation e.g. {@code start}
 * @param intervalMs the recurring interval; 0 for one-shot operations
 * @param callId the executor's call number; -1 while pending
 * @param rcCode the agent's return code
 * @param opStatus the execution status ({@link OpStatus})
 * @param transitionKey {@code action:transition:target-rc:dc-uuid}, or an empty string
 * @param lastRcChange epoch seconds of the result
 * @param execTimeMs how long the agent ran
 * @param queueTimeMs how long the operation waited in the executor
 * @param exitReason the agent's one-line reason for a failure, or empty
 * @param opDigest digest of the parameters the operation ran with
 */
public record OpRecord(
    String id,
    String operationKey,
    String operation,
    long intervalMs,
    int callId,
    int rcCode,
    int opStatus,
    String transitionKey,
    long lastRcChange,
    long execTimeMs,
    long queueTimeMs,
    String exitReason,
    String opDigest) {

  public OpRecord {
    transitionKey = transitionKey == null ? "" : transitionKey;
    exitReason = exitReason == null ? "" : exitReason;
    opDigest = opDigest == null ? "" : opDigest;
  }

  /** {@code op-status:rc;transition-key}, the status section's {@code transition-magic}. */
  public String transitionMagic() {
    return opStatus + ":" + rcCode + ";" + transitionKey;
  }

  public boolean pending() {
    return opStatus == OpStatus.PENDING;
  }

  /** The expected rc from the transition key, or 0 when there is none. */
  public int targetRc() {
    TransitionKey k = TransitionKey.parse(transitionKey);
    return k == null ? 0 : k.targetRc();
  }

  /** Done with the expected rc. */
  public boolean succeeded() {
    return opStatus == OpStatus.DONE && rcCode == targetRc();
  }

  public OpRecord withId(String newId) {
    return new OpRecord(
        newId,
        operationKey,
        operation,
        intervalMs,
        callId,
        rcCode,
        opStatus,
        transitionKey,
        lastRcChange,
        execTimeMs,
        queueTimeMs,
        exitReason,
        opDigest);
  }
}
