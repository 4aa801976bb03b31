package org.pacer.stonithd.agent;

import java.time.Duration;

/**
 * How one run of a fence agent ended.
 *
 * @param outcome the kind of ending
 * @param exitCode the agent's exit code when it exited, else -1
 * @param output what it printed on stdout (bounded)
 * @param reason one line for logs, results and the history: what happened and why
 * @param runTime how long it ran
 */
public record AgentResult(
    Outcome outcome, int exitCode, String output, String reason, Duration runTime) {

  public enum Outcome {
    /** Exit code 0. */
    OK,
    /** Exited with another code (for status: 2 means off, which is a fact, not an error). */
    FAILED,
    /** Ran past its timeout and was killed with its process group. */
    TIMED_OUT,
    /** Killed by a signal we did not send. */
    SIGNALED,
    /** Could not be started, or does not exist, or does not implement the action. */
    NOT_RUN
  }

  public boolean ok() {
    return outcome == Outcome.OK;
  }

  public static AgentResult notRun(String reason) {
    return new AgentResult(Outcome.NOT_RUN, -1, "", reason, Duration.ZERO);
  }
}
