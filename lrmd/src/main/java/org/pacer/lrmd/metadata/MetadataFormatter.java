package org.pacer.lrmd.metadata;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Formats meta-data for people, the way {@code crm ra info} lays it out. */
public final class MetadataFormatter {

  /** Actions the cluster runs for its own purposes; crmsh leaves them out of the defaults. */
  private static final Set<String> HIDDEN_ACTIONS = Set.of("meta-data", "validate-all");

  private MetadataFormatter() {}

  public static String info(String agentName, AgentMetadata metadata) {
    StringBuilder out = new StringBuilder();
    out.append(metadata.shortDescription().strip()).append(" (").append(agentName).append(")\n\n");
    String longText = metadata.longDescription().strip();
    if (!longText.isEmpty()) {
      out.append(longText).append("\n\n");
    }
    if (!metadata.parameters().isEmpty()) {
      out.append("Parameters (*: required, []: default):\n\n");
      for (ParameterSpec p : metadata.parameters()) {
        out.append(p.name()).append(p.required() ? "*" : "").append(" (").append(p.type());
        if (p.defaultValue() != null && !p.defaultValue().isEmpty()) {
          out.append(", [").append(p.defaultValue()).append(']');
        }
        out.append("): ").append(p.shortDescription().strip()).append('\n');
        for (String line : lines(p.longDescription())) {
          out.append("    ").append(line).append('\n');
        }
        out.append('\n');
      }
    }
    List<ActionSpec> actions =
        metadata.actions().stream()
            .filter(a -> !HIDDEN_ACTIONS.contains(a.name()))
            .collect(Collectors.toList());
    if (!actions.isEmpty()) {
      out.append("Operations' defaults (advisory minimum):\n\n");
      for (ActionSpec action : actions) {
        String attributes =
            action.attributes().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        out.append(String.format("    %-13s %s", action.name(), attributes).stripTrailing())
            .append('\n');
      }
    }
    return out.toString();
  }

  private static List<String> lines(String text) {
    String stripped = text.strip();
    if (stripped.isEmpty()) {
      return List.of();
    }
    return stripped.lines().map(String::stripLeading).collect(Collectors.toList());
  }
}
