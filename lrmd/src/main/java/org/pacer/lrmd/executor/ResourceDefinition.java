package org.pacer.lrmd.executor;

import java.util.Map;
import java.util.Objects;
import org.pacer.lrmd.agent.AgentId;
import org.pacer.lrmd.agent.EnvironmentNames;

/**
 * A resource registered with the executor: which agent runs it and with what.
 *
 * @param id the resource id (with a clone suffix such as {@code :1} for a clone instance)
 * @param agent its agent
 * @param parameters its instance attributes
 * @param meta its meta attributes, given to every action as {@code CRM_meta_*}
 */
public record ResourceDefinition(
    String id, AgentId agent, Map<String, String> parameters, Map<String, String> meta) {

  public ResourceDefinition {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("resource id is empty");
    }
    Objects.requireNonNull(agent, "agent");
    EnvironmentNames.check(parameters, "parameter");
    EnvironmentNames.check(meta, "meta attribute");
    parameters = Map.copyOf(parameters);
    meta = Map.copyOf(meta);
  }
}
