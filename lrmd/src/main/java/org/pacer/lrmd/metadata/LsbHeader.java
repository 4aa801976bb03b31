package org.pacer.lrmd.metadata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the LSB comment block of an init script ({@code ### BEGIN INIT INFO} ... {@code ### END
 * INIT INFO}) and describes the script as meta-data, since init scripts have no meta-data action.
 */
public final class LsbHeader {

  private static final String BEGIN = "### BEGIN INIT INFO";
  private static final String END = "### END INIT INFO";

  private LsbHeader() {}

  /** The header's keywords and values; a Description may continue on lines indented further. */
  public static Map<String, String> fields(String script) {
    Map<String, String> fields = new LinkedHashMap<>();
    boolean inside = false;
    String last = null;
    for (String line : script.split("\n", -1)) {
      if (line.startsWith(BEGIN)) {
        inside = true;
        continue;
      }
      if (!inside) {
        continue;
      }
      if (line.startsWith(END)) {
        break;
      }
      if (!line.startsWith("#")) {
        continue;
      }
      String body = line.substring(1);
      int colon = body.indexOf(':');
      boolean continuation = body.startsWith("\t") || body.startsWith("  ");
      if (continuation && last != null) {
        fields.put(last, fields.get(last) + "\n" + body.strip());
      } else if (colon > 0) {
        last = body.substring(0, colon).strip();
        fields.put(last, body.substring(colon + 1).strip());
      }
    }
    return fields;
  }

  /** Meta-data for the script {@code name}, with the action timeouts Pacemaker advises. */
  public static AgentMetadata metadata(String name, String script) {
    Map<String, String> fields = fields(script);
    return new AgentMetadata(
        name,
        "0.1",
        "1.0",
        fields.getOrDefault("Short-Description", ""),
        fields.getOrDefault("Description", ""),
        List.of(),
        List.of(
            action("meta-data", "5", null),
            action("start", "15", null),
            action("stop", "15", null),
            action("status", "15", null),
            action("restart", "15", null),
            action("force-reload", "15", null),
            action("monitor", "15", "15")));
  }

  private static ActionSpec action(String name, String timeout, String interval) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("timeout", timeout);
    if (interval != null) {
      attributes.put("interval", interval);
    }
    return new ActionSpec(name, attributes);
  }
}
