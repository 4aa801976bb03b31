package org.pacer.lrmd.executor;

import java.util.Map;
import java.util.Objects;
import org.pacer.lrmd.agent.EnvironmentNames;

/**
 * An operation the controller asks for.
 *
 * @param resourceId a registered resource
 * @param action the agent action
 * @param intervalMs 0 for a one-shot operation; otherwise it repeats at this interval until
 *     cancelled (or until the resource is stopped)
 * @param timeoutMs how long each run may take
 * @param startDelayMs wait this long before the (first) run
 * @param parameters instance attributes for this operation, or null for the registered ones
 * @param meta extra meta attributes for this operation (operation meta, notifications)
 * @param checkLevel OCF_CHECK_LEVEL, or null
 * @param userData opaque to the executor, returned with every result (the transition key)
 */
public record OperationRequest(
    String resourceId,
    String action,
    long intervalMs,
    long timeoutMs,
    long startDelayMs,
    Map<String, String> parameters,
    Map<String, String> meta,
    String checkLevel,
    String userData) {

  public OperationRequest {
    Objects.requireNonNull(resourceId, "resourceId");
    Objects.requireNonNull(action, "action");
    if (intervalMs < 0 || startDelayMs < 0) {
      throw new IllegalArgumentException("interval and start-delay must not be negative");
    }
    if (timeoutMs <= 0) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeoutMs + " ms");
    }
    if (parameters != null) {
      EnvironmentNames.check(parameters, "parameter");
    }
    if (meta != null) {
      EnvironmentNames.check(meta, "meta attribute");
    }
    parameters = parameters == null ? null : Map.copyOf(parameters);
    meta = meta == null ? Map.of() : Map.copyOf(meta);
    userData = userData == null ? "" : userData;
  }

  public static OperationRequest of(
      String resourceId, String action, long intervalMs, long timeoutMs) {
    return new OperationRequest(
        resourceId, action, intervalMs, timeoutMs, 0, null, Map.of(), null, "");
  }

  public OperationRequest withStartDelay(long millis) {
    return new OperationRequest(
        resourceId, action, intervalMs, timeoutMs, millis, parameters, meta, checkLevel, userData);
  }

  public OperationRequest withMeta(Map<String, String> values) {
    return new OperationRequest(
        resourceId,
        action,
        intervalMs,
        timeoutMs,
        startDelayMs,
        parameters,
        values,
        checkLevel,
        userData);
  }

  public OperationRequest withUserData(String data) {
    return new OperationRequest(
        resourceId,
        action,
        intervalMs,
        timeoutMs,
        startDelayMs,
        parameters,
        meta,
        checkLevel,
        data);
  }

  /** Pacemaker's operation key: {@code web_monitor_10000}. */
  public String operationKey() {
    return resourceId + "_" + action + "_" + intervalMs;
  }
}
