package org.pacer.pengine.graph;

import java.util.Map;
import java.util.TreeMap;

/** Writes a transition graph as Pacemaker's transition-graph XML, and as a Graphviz dot file. */
public final class GraphXml {
  private GraphXml() {}

  public static String xml(TransitionGraph g) {
    StringBuilder s = new StringBuilder();
    s.append("<transition_graph cluster-delay=\"")
        .append(g.clusterDelayMs() / 1000)
        .append("s\" stonith-timeout=\"")
        .append(g.stonithTimeoutMs() / 1000)
        .append("s\" failed-stop-offset=\"INFINITY\" failed-start-offset=\"INFINITY\"")
        .append(" transition_id=\"")
        .append(g.transitionId())
        .append("\">\n");
    for (TransitionGraph.Synapse syn : g.synapses()) {
      s.append("  <synapse id=\"").append(syn.id()).append("\">\n");
      s.append("    <action_set>\n");
      action(s, syn.action(), "      ", true);
      s.append("    </action_set>\n");
      s.append("    <inputs>\n");
      for (GraphAction in : syn.inputs()) {
        s.append("      <trigger>\n");
        action(s, in, "        ", false);
        s.append("      </trigger>\n");
      }
      s.append("    </inputs>\n");
      s.append("  </synapse>\n");
    }
    s.append("</transition_graph>\n");
    return s.toString();
  }

  private static void action(StringBuilder s, GraphAction a, String in, boolean full) {
    s.append(in)
        .append('<')
        .append(a.kind())
        .append(" id=\"")
        .append(a.id())
        .append("\" operation=\"")
        .append(esc(a.operation()))
        .append("\" operation_key=\"")
        .append(esc(a.key()))
        .append('"');
    if (a.node() != null) {
      s.append(" on_node=\"")
          .append(esc(a.node()))
          .append("\" on_node_uuid=\"")
          .append(esc(a.nodeUuid()))
          .append('"');
    }
    if (!full) {
      s.append("/>\n");
      return;
    }
    s.append(">\n");
    if (a.resource() != null) {
      s.append(in).append("  <primitive id=\"");
      if (a.executorId() != null && !a.executorId().equals(a.resource())) {
        s.append(esc(a.executorId())).append("\" long-id=\"");
      }
      s.append(esc(a.resource())).append('"');
      String[] ag = a.agent();
      if (ag[0] != null) {
        s.append(" class=\"").append(esc(ag[0])).append('"');
      }
      if (ag[1] != null) {
        s.append(" provider=\"").append(esc(ag[1])).append('"');
      }
      if (ag[2] != null) {
        s.append(" type=\"").append(esc(ag[2])).append('"');
      }
      s.append("/>\n");
    }
    s.append(in).append("  <attributes");
    for (Map.Entry<String, String> e : new TreeMap<>(a.attributes()).entrySet()) {
      s.append(' ').append(e.getKey()).append("=\"").append(esc(e.getValue())).append('"');
    }
    s.append("/>\n");
    s.append(in).append("</").append(a.kind()).append(">\n");
  }

  /** The graph in Graphviz dot format, as crm_simulate -D writes it. */
  public static String dot(TransitionGraph g) {
    StringBuilder s = new StringBuilder("digraph \"g\" {\n");
    for (TransitionGraph.Synapse syn : g.synapses()) {
      s.append("\"")
          .append(label(syn.action()))
          .append("\" [ style=bold color=\"green\" ")
          .append("fontcolor=\"")
          .append(syn.action().kind().equals("pseudo_event") ? "orange" : "black")
          .append("\"]\n");
    }
    for (TransitionGraph.Synapse syn : g.synapses()) {
      for (GraphAction in : syn.inputs()) {
        s.append("\"")
            .append(label(in))
            .append("\" -> \"")
            .append(label(syn.action()))
            .append("\" [ style = bold]\n");
      }
    }
    s.append("}\n");
    return s.toString();
  }

  private static String label(GraphAction a) {
    return a.node() == null ? a.key() : a.key() + " " + a.node();
  }

  static String esc(String v) {
    if (v == null) {
      return "";
    }
    return v.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
