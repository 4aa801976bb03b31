package org.pacer.crmd.graph;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One action of a transition graph.
 *
 * @param id the action id, unique within the graph; inputs name actions by it
 * @param kind rsc_op, pseudo_event or crm_event
 * @param operation e.g. {@code start}, {@code monitor}, {@code stonith}, {@code do_shutdown}
 * @param operationKey e.g. {@code web_monitor_10000}
 * @param onNode the node that runs it (null for pseudo events)
 * @param onNodeUuid that node's id
 * @param routerNode for actions on remote/guest nodes, the cluster node that carries them
 * @param resource the resource (rsc_op only, else null)
 * @param attributes the {@code <attributes>} element: CRM_meta_* and the agent parameters
 * @param downed ids of the nodes this action takes down (fencing, shutdown)
 */
public record GraphAction(
    int id,
    ActionKind kind,
    String operation,
    String operationKey,
    String onNode,
    String onNodeUuid,
    String routerNode,
    ResourceRef resource,
    Map<String, String> attributes,
    List<String> downed) {

  private static final String META = "CRM_meta_";

  public GraphAction {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(operation, "operation");
    attributes = Map.copyOf(attributes);
    downed = List.copyOf(downed);
  }

  /** A {@code CRM_meta_<name>} attribute, or null. */
  public String meta(String name) {
    return attributes.get(META + name);
  }

  /** The operation timeout in milliseconds ({@code CRM_meta_timeout}); 0 when absent. */
  public long timeoutMs() {
    String t = meta("timeout");
    return t == null ? 0 : TimeSpec.parseMillisOrZero(t, true);
  }

  /** The recurring interval in milliseconds; 0 for a one-shot operation. */
  public long intervalMs() {
    String t = meta("interval");
    return t == null ? 0 : TimeSpec.parseMillisOrZero(t, true);
  }

  /** The return code that counts as success: 7 for probes, 8 for promoted monitors, else 0. */
  public int targetRc() {
    String t = meta("op_target_rc");
    if (t == null) {
      return 0;
    }
    try {
      return Integer.parseInt(t.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Whether the controller confirms this action as soon as it has sent it. */
  public boolean noWait() {
    return "true".equalsIgnoreCase(meta("op_no_wait"));
  }

  /**
   * The agent parameters: every attribute that is neither {@code CRM_meta_*} nor the feature set.
   */
  public Map<String, String> parameters() {
    java.util.TreeMap<String, String> params = new java.util.TreeMap<>();
    attributes.forEach(
        (k, v) -> {
          if (!k.startsWith(META) && !k.equals("crm_feature_set")) {
            params.put(k, v);
          }
        });
    return params;
  }

  /** The node that carries the action: the router for remote nodes, else the target. */
  public String executingNode() {
    return routerNode != null ? routerNode : onNode;
  }

  /** A request to forget a node's whole operation history so its resources are probed again. */
  public static boolean isReprobe(String operation) {
    return operation.equals("probe_again") || operation.equals("reprobe");
  }

  public boolean isMigration() {
    return operation.equals("migrate_to") || operation.equals("migrate_from");
  }

  /** A short label for logs: {@code 12:web_start_0@n1}. */
  public String label() {
    return id + ":" + operationKey + (onNode == null ? "" : "@" + onNode);
  }
}
