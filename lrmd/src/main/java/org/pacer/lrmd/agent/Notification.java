package org.pacer.lrmd.agent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The variables of a clone notification ({@code notify} action). Each list pairs resources with the
 * nodes they are on; they become {@code OCF_RESKEY_CRM_meta_notify_*} as space-separated words. The
 * older names (master/slave) are set too, for agents written before the rename.
 *
 * @param type {@code pre} or {@code post}
 * @param operation the action being notified about: start, stop, promote, demote
 * @param resources by kind (start, stop, active, inactive, promoted, unpromoted, promote, demote)
 * @param nodes by the same kinds (no {@code inactive}: inactive instances are on no node)
 */
public record Notification(
    String type,
    String operation,
    Map<String, List<String>> resources,
    Map<String, List<String>> nodes) {

  private static final List<String> KINDS =
      List.of("start", "stop", "active", "inactive", "promoted", "unpromoted", "promote", "demote");
  private static final Map<String, String> LEGACY =
      Map.of("promoted", "master", "unpromoted", "slave");

  public Notification {
    if (!"pre".equals(type) && !"post".equals(type)) {
      throw new IllegalArgumentException("notification type must be pre or post, got " + type);
    }
    Objects.requireNonNull(operation, "operation");
    resources = Map.copyOf(resources);
    nodes = Map.copyOf(nodes);
    for (String kind : resources.keySet()) {
      if (!KINDS.contains(kind)) {
        throw new IllegalArgumentException("unknown notification list '" + kind + "'");
      }
    }
  }

  /** The meta attributes to add to the notify action's request. */
  public Map<String, String> meta() {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("notify_type", type);
    meta.put("notify_operation", operation);
    meta.put("notify_key_type", type);
    meta.put("notify_key_operation", operation);
    for (String kind : KINDS) {
      String words = String.join(" ", resources.getOrDefault(kind, List.of()));
      meta.put("notify_" + kind + "_resource", words);
      if (!"inactive".equals(kind)) {
        meta.put(
            "notify_" + kind + "_uname", String.join(" ", nodes.getOrDefault(kind, List.of())));
      }
      String legacy = LEGACY.get(kind);
      if (legacy != null) {
        meta.put("notify_" + legacy + "_resource", words);
        meta.put(
            "notify_" + legacy + "_uname", String.join(" ", nodes.getOrDefault(kind, List.of())));
      }
    }
    return meta;
  }
}
