package org.pacer.lrmd.agent;

import java.util.Map;
import java.util.Objects;

/**
 * One action to run on one agent.
 *
 * @param resourceId the resource instance ({@code OCF_RESOURCE_INSTANCE}), e.g. {@code web} or a
 *     clone instance {@code web:1}
 * @param agent which agent
 * @param action the action name: start, stop, monitor, promote, demote, notify, reload,
 *     reload-agent, meta-data, validate-all, migrate_to, migrate_from, or any other it declares
 * @param intervalMs the interval of a recurring operation, 0 for a one-shot one
 * @param timeoutMs how long the agent may run
 * @param parameters instance attributes, passed as {@code OCF_RESKEY_<name>} (empty values too)
 * @param meta meta attributes (of the resource, the operation and notifications), passed as {@code
 *     OCF_RESKEY_CRM_meta_<name>} with dashes turned into underscores
 * @param checkLevel {@code OCF_CHECK_LEVEL} for monitor and validate-all, or null
 */
public record ActionRequest(
    String resourceId,
    AgentId agent,
    String action,
    long intervalMs,
    long timeoutMs,
    Map<String, String> parameters,
    Map<String, String> meta,
    String checkLevel) {

  public ActionRequest {
    Objects.requireNonNull(resourceId, "resourceId");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(action, "action");
    if (action.isEmpty() || action.contains("\0")) {
      throw new IllegalArgumentException("invalid action name '" + action + "'");
    }
    if (intervalMs < 0) {
      throw new IllegalArgumentException("negative interval " + intervalMs);
    }
    if (timeoutMs <= 0) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeoutMs + " ms");
    }
    EnvironmentNames.check(parameters, "parameter");
    EnvironmentNames.check(meta, "meta attribute");
    parameters = Map.copyOf(parameters);
    meta = Map.copyOf(meta);
  }

  public static ActionRequest of(String resourceId, AgentId agent, String action, long timeoutMs) {
    return new ActionRequest(resourceId, agent, action, 0, timeoutMs, Map.of(), Map.of(), null);
  }

  public ActionRequest withParameters(Map<String, String> values) {
    return new ActionRequest(
        resourceId, agent, action, intervalMs, timeoutMs, values, meta, checkLevel);
  }

  public ActionRequest withMeta(Map<String, String> values) {
    return new ActionRequest(
        resourceId, agent, action, intervalMs, timeoutMs, parameters, values, checkLevel);
  }

  public ActionRequest withAction(String name, long interval, long timeout) {
    return new ActionRequest(
        resourceId, agent, name, interval, timeout, parameters, meta, checkLevel);
  }

  public ActionRequest withCheckLevel(String level) {
    return new ActionRequest(
        resourceId, agent, action, intervalMs, timeoutMs, parameters, meta, level);
  }

  /** Pacemaker's operation key: {@code web_monitor_10000}. */
  public String operationKey() {
    return resourceId + "_" + action + "_" + intervalMs;
  }

  public boolean isProbe() {
    return ("monitor".equals(action) || "status".equals(action)) && intervalMs == 0;
  }
}
