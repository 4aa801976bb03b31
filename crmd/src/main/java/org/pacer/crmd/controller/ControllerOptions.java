package org.pacer.crmd.controller;

/**
 * Settings of a controller.
 *
 * @param version the controller protocol version voted in elections; higher wins
 * @param electionTimeoutMs how long a round waits for ballots of members that do not vote
 * @param joinTimeoutMs how long the DC waits for members' join requests
 * @param retryMs how long to wait before asking the scheduler again after it failed
 * @param nodeActionLimit most actions in flight per node (0 = no limit)
 * @param startFailureIsFatal a failed start sets the fail count to INFINITY (Pacemaker's default)
 * @param recheckIntervalMs cluster-recheck-interval: after a transition settles, ask the scheduler
 *     again this long after (time-based rules, failure-timeout expiry); 0 turns it off
 * @param startupWaitMs how long a new DC holds back its first transition while some configured node
 *     has never been seen by any member (Pacemaker waits out dc-deadtime, 20 s, every time)
 */
public record ControllerOptions(
    int version,
    long electionTimeoutMs,
    long joinTimeoutMs,
    long retryMs,
    int nodeActionLimit,
    boolean startFailureIsFatal,
    long recheckIntervalMs,
    long startupWaitMs) {

  /** The controller protocol version of this build. */
  public static final int PROTOCOL_VERSION = 1;

  public static ControllerOptions defaults() {
    return new ControllerOptions(
        PROTOCOL_VERSION, 2_000, 5_000, 2_000, 0, true, 15 * 60_000, 3_000);
  }
}
