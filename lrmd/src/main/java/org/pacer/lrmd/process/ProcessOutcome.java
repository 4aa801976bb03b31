package org.pacer.lrmd.process;

import java.time.Duration;
import java.time.Instant;

/**
 * How one child process ran.
 *
 * @param status how it ended
 * @param stdout what it printed on standard output (bounded)
 * @param stderr what it printed on standard error (bounded, launcher markers removed)
 * @param startedAt wall-clock time it was started
 * @param runTime from start to the end of the main process (not of its output)
 * @param pid the process id of the launcher, which is also the process group id; -1 if none
 */
public record ProcessOutcome(
    ExitStatus status,
    CapturedOutput stdout,
    CapturedOutput stderr,
    Instant startedAt,
    Duration runTime,
    long pid) {

  public static ProcessOutcome launchFailed(String reason, Instant at) {
    return new ProcessOutcome(
        new ExitStatus.LaunchFailed(reason),
        CapturedOutput.EMPTY,
        CapturedOutput.EMPTY,
        at,
        Duration.ZERO,
        -1);
  }
}
