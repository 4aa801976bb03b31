package org.pacer.lrmd.metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a resource's parameters against its agent's meta-data before anything runs: required ones
 * set, no unknown ones, values of the declared type.
 */
public final class ParameterValidator {

  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+|[+-]?INFINITY|[+-]?infinity");
  private static final List<String> BOOLEANS =
      List.of("true", "false", "yes", "no", "on", "off", "1", "0", "y", "n");

  private ParameterValidator() {}

  /** Each problem as a sentence naming the parameter; empty when there is none. */
  public static List<String> validate(
      String agentName, AgentMetadata metadata, Map<String, String> parameters) {
    List<String> problems = new ArrayList<>();
    for (ParameterSpec spec : metadata.parameters()) {
      String value = parameters.get(spec.name());
      if (spec.required() && (value == null || value.isEmpty())) {
        problems.add("required parameter '" + spec.name() + "' of " + agentName + " is not set");
      }
    }
    for (Map.Entry<String, String> entry : parameters.entrySet()) {
      var spec = metadata.parameter(entry.getKey());
      if (spec.isEmpty()) {
        problems.add("'" + entry.getKey() + "' is not a parameter of " + agentName);
        continue;
      }
      String value = entry.getValue();
      if (value.isEmpty()) {
        continue;
      }
      String type = spec.get().type();
      if ("integer".equals(type) && !INTEGER.matcher(value).matches()) {
        problems.add("parameter '" + entry.getKey() + "' must be an integer, not '" + value + "'");
      } else if ("boolean".equals(type)
          && !BOOLEANS.contains(value.toLowerCase(java.util.Locale.ROOT))) {
        problems.add("parameter '" + entry.getKey() + "' must be a boolean, not '" + value + "'");
      }
    }
    return problems;
  }
}
