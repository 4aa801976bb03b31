package org.pacer.lrmd.metadata;

import java.util.List;
import java.util.Optional;

/**
 * What an agent says about itself in its meta-data.
 *
 * @param name the agent's name as it gives it
 * @param version the agent's own version ({@code version} attribute), or ""
 * @param ocfVersion the OCF version it follows ({@code <version>}), or ""
 * @param shortDescription one line
 * @param longDescription several lines, as written
 * @param parameters in the order the agent lists them
 * @param actions in the order the agent lists them
 */
public record AgentMetadata(
    String name,
    String version,
    String ocfVersion,
    String shortDescription,
    String longDescription,
    List<ParameterSpec> parameters,
    List<ActionSpec> actions) {

  public AgentMetadata {
    parameters = List.copyOf(parameters);
    actions = List.copyOf(actions);
  }

  public Optional<ParameterSpec> parameter(String parameterName) {
    return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst();
  }

  /** The first declared action with this name (monitor may be declared once per role). */
  public Optional<ActionSpec> action(String actionName) {
    return actions.stream().filter(a -> a.name().equals(actionName)).findFirst();
  }

  public boolean supports(String actionName) {
    return action(actionName).isPresent();
  }
}
