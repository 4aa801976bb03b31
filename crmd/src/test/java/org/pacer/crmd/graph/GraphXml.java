package org.pacer.crmd.graph;

import java.util.List;

/** Builds small transition graphs in the scheduler's XML format for tests. */
public final class GraphXml {

  private final StringBuilder synapses = new StringBuilder();
  private final String rootAttrs;
  private int synapseId;

  public GraphXml(String rootAttrs) {
    this.rootAttrs = rootAttrs;
  }

  public GraphXml() {
    this("");
  }

  /** An rsc_op of resource {@code rsc}; inputs are action ids. */
  public GraphXml op(int id, String rsc, String op, long interval, String node, int... inputs) {
    return op(id, 0, rsc, op, interval, node, "", inputs);
  }

  public GraphXml op(
      int id,
      int priority,
      String rsc,
      String op,
      long interval,
      String node,
      String extraMeta,
      int... inputs) {
    String key = rsc + "_" + op + "_" + interval;
    String meta =
        "CRM_meta_timeout=\"20000\""
            + (interval > 0 ? " CRM_meta_interval=\"" + interval + "\"" : "")
            + (op.equals("monitor") && interval == 0 ? " CRM_meta_op_target_rc=\"7\"" : "")
            + " "
            + extraMeta;
    String action =
        "<rsc_op id=\""
            + id
            + "\" operation=\""
            + op
            + "\" operation_key=\""
            + key
            + "\" on_node=\""
            + node
            + "\" on_node_uuid=\""
            + node
            + "\"><primitive id=\""
            + rsc
            + "\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"/><attributes "
            + meta
            + " crm_feature_set=\"3.16.1\"/></rsc_op>";
    return synapse(priority, action, inputs);
  }

  public GraphXml pseudo(int id, String key, int... inputs) {
    return synapse(
        0,
        "<pseudo_event id=\"" + id + "\" operation=\"" + key + "\" operation_key=\"" + key + "\"/>",
        inputs);
  }

  public GraphXml fence(int id, String node, int... inputs) {
    return crmEvent(
        id,
        "stonith",
        "stonith-" + node + "-reboot",
        node,
        "CRM_meta_on_node=\"" + node + "\" CRM_meta_stonith_action=\"reboot\"",
        inputs);
  }

  /** A do_shutdown crm_event (confirmed when sent) for {@code node}. */
  public GraphXml shutdown(int id, String node, int... inputs) {
    return crmEvent(
        id, "do_shutdown", "do_shutdown-" + node, node, "CRM_meta_op_no_wait=\"true\"", inputs);
  }

  /** A crm_event that takes {@code node} down. */
  private GraphXml crmEvent(
      int id, String operation, String key, String node, String attributes, int... inputs) {
    return synapse(
        0,
        "<crm_event id=\""
            + id
            + "\" operation=\""
            + operation
            + "\" operation_key=\""
            + key
            + "\" on_node=\""
            + node
            + "\" on_node_uuid=\""
            + node
            + "\"><attributes "
            + attributes
            + "/><downed><node id=\""
            + node
            + "\"/></downed></crm_event>",
        inputs);
  }

  public GraphXml synapse(int priority, String action, int... inputs) {
    synapses
        .append("<synapse id=\"")
        .append(synapseId++)
        .append("\"")
        .append(priority != 0 ? " priority=\"" + priority + "\"" : "")
        .append("><action_set>")
        .append(action)
        .append("</action_set><inputs>");
    for (int in : inputs) {
      synapses.append("<trigger><pseudo_event id=\"").append(in).append("\"/></trigger>");
    }
    synapses.append("</inputs></synapse>\n");
    return this;
  }

  public String xml() {
    return "<transition_graph cluster-delay=\"60s\" stonith-timeout=\"60s\""
        + (rootAttrs.contains("batch-limit") ? "" : " batch-limit=\"0\"")
        + " transition_id=\"1\" "
        + rootAttrs
        + ">\n"
        + synapses
        + "</transition_graph>";
  }

  public TransitionGraph parse() {
    try {
      return GraphParser.parse(xml());
    } catch (GraphFormatException e) {
      throw new AssertionError(e);
    }
  }

  static List<String> labels(List<GraphAction> actions) {
    return actions.stream().map(GraphAction::operationKey).toList();
  }
}
