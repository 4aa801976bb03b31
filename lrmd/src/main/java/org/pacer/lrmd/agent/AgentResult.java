package org.pacer.lrmd.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What one agent action came to.
 *
 * @param code the OCF result (meaningful as the agent's answer only when status is DONE)
 * @param exitCode the agent's raw exit code, or -1 when it did not exit by itself
 * @param status whether the agent ran to completion
 * @param exitReason the {@code ocf-exit-reason:} the agent gave, or the executor's explanation
 * @param stdout what the agent printed (bounded)
 * @param stderr what the agent printed on stderr (bounded)
 * @param startedAt when the agent was started
 * @param runTime how long the agent ran
 */
public record AgentResult(
    OcfCode code,
    int exitCode,
    ExecStatus status,
    String exitReason,
    String stdout,
    String stderr,
    Instant startedAt,
    Duration runTime) {

  public AgentResult {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(status, "status");
    exitReason = exitReason == null ? "" : exitReason;
    stdout = stdout == null ? "" : stdout;
    stderr = stderr == null ? "" : stderr;
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(runTime, "runTime");
  }

  /** A result decided without running anything (missing agent, unsupported class, ...). */
  public static AgentResult immediate(OcfCode code, ExecStatus status, String reason, Instant at) {
    return new AgentResult(code, -1, status, reason, "", "", at, Duration.ZERO);
  }

  public boolean isDone() {
    return status == ExecStatus.DONE;
  }

  /** The agent's stdout followed by its stderr, as an operator wants to read them. */
  public String output() {
    if (stderr.isEmpty()) {
      return stdout;
    }
    if (stdout.isEmpty() || stdout.endsWith("\n")) {
      return stdout + stderr;
    }
    return stdout + "\n" + stderr;
  }
}
