package org.pacer.lrmd.executor;

import java.time.Instant;
import org.pacer.lrmd.agent.AgentId;
import org.pacer.lrmd.agent.ExecStatus;
import org.pacer.lrmd.agent.OcfCode;

/**
 * The result of one run of an operation, as pushed to subscribers and kept in the history.
 *
 * @param callId the executor's id for the operation; only grows, and stays the same across the runs
 *     of a recurring operation
 * @param resourceId the resource
 * @param agent its agent
 * @param action the action
 * @param intervalMs the operation's interval (0 for one-shot)
 * @param code the OCF result
 * @param exitCode the agent's raw exit code, -1 when it did not exit by itself
 * @param status whether the agent ran to completion
 * @param exitReason why, in a few words
 * @param outputTail the end of what the agent printed
 * @param queueTimeMs from request (or planned time, for a recurring run) to start of the agent
 * @param runTimeMs how long the agent ran
 * @param startedAt wall-clock time the run started
 * @param finishedAt wall-clock time the result was known
 * @param userData what the requester attached to the request
 * @param changed for recurring operations, whether this result differs from the previous run's (the
 *     controller records only changes); always true for one-shot operations
 */
public record OperationResult(
    long callId,
    String resourceId,
    AgentId agent,
    String action,
    long intervalMs,
    OcfCode code,
    int exitCode,
    ExecStatus status,
    String exitReason,
    String outputTail,
    long queueTimeMs,
    long runTimeMs,
    Instant startedAt,
    Instant finishedAt,
    String userData,
    boolean changed) {

  public String operationKey() {
    return resourceId + "_" + action + "_" + intervalMs;
  }

  /** One line for logs: {@code web_monitor_10000 (call 12): 7 (not running)}. */
  public String summary() {
    String outcome =
        status == ExecStatus.DONE ? code.code() + " (" + code.description() + ")" : status.text();
    return operationKey()
        + " (call "
        + callId
        + "): "
        + outcome
        + (exitReason.isEmpty() ? "" : ": " + exitReason);
  }
}
