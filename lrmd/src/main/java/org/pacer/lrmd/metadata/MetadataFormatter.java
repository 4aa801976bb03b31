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
    String title = metadata.shortDescription().strip();
    out.append(title.isEmpty() ? agentName : title + " (" + agentName + ")").append("\n\n");
    String agentText = metadata.longDescription().strip();
    if (!agentText.isEmpty()) {
      out.append(agentText).append("\n\n");
    }
    if (!metadata.parameters().isEmpty()) {
      out.append("Parameters (*: required, []: default):\n\n");
      for (ParameterSpec p : metadata.parameters()) {
        out.append(p.name()).append(p.required() ? "*" : "").append(" (").append(p.type());
        if (p.defaultValue() != null && !p.defaultValue().isEmpty()) {
          out.append(", [").append(p.defaultValue()).append(']');
        }
        String shortText = p.shortDescription().strip();
        String longText = p.longDescription().strip();
        // A short description that only repeats the name or the long description is not shown.
        if (shortText.equals(p.name()) || shortText.equals(longText)) {
          shortText = "";
        }
        out.append("): ").append(shortText).append('\n');
        if (!longText.isEmpty()) {
          for (String line : longText.split("\n", -1)) {
            out.append("    ").append(line).append('\n');
          }
          out.append('\n');
        }
      }
    }
    List<ActionSpec> actions =
        metadata.actions().stream()
            .filter(a -> !HIDDEN_ACTIONS.contains(a.name()))
            .collect(Collectors.toList());
    if (!actions.isEmpty()) {
      if (out.length() > 1 && !out.substring(out.length() - 2).equals("\n\n")) {
        out.append('\n');
      }
      out.append("Operations' defaults (advisory minimum):\n\n");
      for (ActionSpec action : actions) {
        String attributes =
            action.attributes().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        out.append(String.format("    %-13s", action.name()));
        if (!attributes.isEmpty()) {
          out.append(' ').append(attributes);
        }
        out.append('\n');
      }
    }
    return out.toString();
  }
}
