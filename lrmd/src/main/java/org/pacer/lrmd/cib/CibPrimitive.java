package org.pacer.lrmd.cib;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pacer.lrmd.agent.AgentId;

/**
 * A primitive resource as the CIB defines it, with what the executor needs to run its actions.
 *
 * @param id the resource id
 * @param agent its agent
 * @param parameters its instance attributes
 * @param meta its meta attributes
 * @param operations its {@code op} elements, in order
 * @param defaultTimeoutMs the timeout of actions with no op of their own (op_defaults, else 20s)
 */
public record CibPrimitive(
    String id,
    AgentId agent,
    Map<String, String> parameters,
    Map<String, String> meta,
    List<Operation> operations,
    long defaultTimeoutMs) {

  /** One {@code op} element. */
  public record Operation(String name, long intervalMs, Long timeoutMs, String role) {}

  public CibPrimitive {
    parameters = Map.copyOf(parameters);
    meta = Map.copyOf(meta);
    operations = List.copyOf(operations);
  }

  /** The first op of this action (monitor: whatever its interval or role). */
  public Optional<Operation> operation(String action) {
    return operations.stream().filter(o -> o.name().equals(action)).findFirst();
  }

  /** The timeout an action runs with: its op's, else the default. */
  public long timeoutMs(String action) {
    return operation(action)
        .map(Operation::timeoutMs)
        .filter(t -> t != null)
        .orElse(defaultTimeoutMs);
  }
}
