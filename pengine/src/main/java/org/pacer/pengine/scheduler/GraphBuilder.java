package org.pacer.pengine.scheduler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pacer.pengine.graph.GraphAction;
import org.pacer.pengine.graph.TransitionGraph;
import org.pacer.pengine.model.ClusterOption;

/** Turns the required, runnable actions and their orderings into a transition graph. */
final class GraphBuilder {
  private final Cluster c;
  private final ActionGraph g;
  private final Map<Action, GraphAction> mapped = new LinkedHashMap<>();

  GraphBuilder(Cluster c, ActionGraph g) {
    this.c = c;
    this.g = g;
  }

  TransitionGraph build() {
    List<Action> included = new ArrayList<>();
    for (Action a : g.actions) {
      if (a.required() && a.runnable) {
        included.add(a);
      }
    }
    int id = 0;
    for (Action a : included) {
      mapped.put(a, toGraph(a, id++));
    }
    List<TransitionGraph.Synapse> synapses = new ArrayList<>();
    int sid = 0;
    for (Action a : included) {
      List<GraphAction> inputs = new ArrayList<>();
      for (Ordering o : a.inputs) {
        GraphAction in = mapped.get(o.first());
        if (in != null && !inputs.contains(in)) {
          inputs.add(in);
        }
      }
      for (Action d : probesBefore(a, included)) {
        if (!inputs.contains(mapped.get(d))) {
          inputs.add(mapped.get(d));
        }
      }
      for (Action d : demotesBefore(a, included)) {
        if (!inputs.contains(mapped.get(d))) {
          inputs.add(mapped.get(d));
        }
      }
      synapses.add(new TransitionGraph.Synapse(sid++, mapped.get(a), inputs));
    }
    return new TransitionGraph(
        0, 60_000, c.options.durationMs(ClusterOption.STONITH_TIMEOUT), synapses);
  }

  /**
   * Every demote of another instance of the same promotable clone, for a promote: an instance is
   * promoted only once the one giving up the role has demoted, as Pacemaker orders it (the clone's
   * demoted before its promote), or promoted-max is exceeded while both run. The CTS scenarios saw
   * it: a graceful stop's graph demoted n2 and promoted n1 at once.
   */
  private static List<Action> demotesBefore(Action a, List<Action> included) {
    List<Action> out = new ArrayList<>();
    if (!a.task.equals("promote") || !(a.rsc instanceof Primitive p)) {
      return out;
    }
    CloneRsc clone = p.cloneParent();
    if (clone == null) {
      return out;
    }
    for (Action d : included) {
      if (d.task.equals("demote")
          && d.rsc instanceof Primitive other
          && other != p
          && other.cloneParent() == clone) {
        out.add(d);
      }
    }
    return out;
  }

  /**
   * For a start of an anonymous clone instance on a node, the probe of any instance of that clone
   * there: the node's executor knows one resource by the base id, and the probe is made for
   * whichever instance comes first, so without this the start ran before the probe had said whether
   * (and in which role) it already runs there (CTS reattach: a probe found sp promoted on n2 while
   * a start of another instance number went ahead).
   */
  private static List<Action> probesBefore(Action a, List<Action> included) {
    List<Action> out = new ArrayList<>();
    if (!a.task.equals("start") || executorId(a) == null) {
      return out;
    }
    CloneRsc clone = ((Primitive) a.rsc).cloneParent();
    for (Action pr : included) {
      if (pr.task.equals("monitor")
          && pr.intervalMs == 0
          && pr.node == a.node
          && pr.rsc instanceof Primitive other
          && other.cloneParent() == clone
          && other.def == ((Primitive) a.rsc).def) {
        out.add(pr);
      }
    }
    return out;
  }

  /** The base id an anonymous clone instance runs under (see GraphAction#executorId), or null. */
  private static String executorId(Action a) {
    if (a.rsc instanceof Primitive p && p.instance >= 0) {
      CloneRsc clone = p.cloneParent();
      if (clone != null && !clone.globallyUnique) {
        return p.def.id();
      }
    }
    return null;
  }

  /**
   * A recurring monitor of the promoted role expects "running promoted" (8), as Pacemaker's graph
   * says; without it the controller takes that answer for a failure and aborts.
   */
  private static void promotedMonitor(Primitive p, Action a, Map<String, String> attrs) {
    if (!a.task.equals("monitor") || a.intervalMs <= 0) {
      return;
    }
    for (var op : p.ops) {
      if (op.name().equals("monitor")
          && op.intervalMs() == a.intervalMs
          && op.role() != null
          && Role.parse(op.role()) == Role.PROMOTED) {
        attrs.put("CRM_meta_role", "Promoted");
        attrs.put("CRM_meta_op_target_rc", "8");
      }
    }
  }

  private GraphAction toGraph(Action a, int id) {
    Map<String, String> attrs = new LinkedHashMap<>();
    String kind;
    String operation = a.task;
    String key;
    if (a.fenceAction != null) {
      kind = "crm_event";
      operation = "stonith";
      key = "stonith-" + a.node.uname + "-" + a.fenceAction;
      attrs.put("CRM_meta_stonith_action", a.fenceAction);
      attrs.put("CRM_meta_on_node", a.node.uname);
    } else if (a.clusterAction) {
      // Confirmed when sent: the node leaves once told, so no result comes back.
      kind = "crm_event";
      key = a.key();
      attrs.put("CRM_meta_on_node", a.node.uname);
      attrs.put("CRM_meta_on_node_uuid", a.node.id);
      attrs.put("CRM_meta_op_no_wait", "true");
    } else if (a.pseudo || a.node == null) {
      kind = "pseudo_event";
      key = a.key();
    } else {
      kind = "rsc_op";
      key = a.key();
      attrs.put("CRM_meta_on_node", a.node.uname);
      attrs.put("CRM_meta_on_node_uuid", a.node.id);
      if (a.intervalMs > 0) {
        attrs.put("CRM_meta_interval", Long.toString(a.intervalMs));
      }
      if (a.rsc instanceof Primitive p) {
        attrs.putAll(p.params);
        if (p.instance >= 0) {
          attrs.put("CRM_meta_clone", Integer.toString(p.instance));
        }
        promotedMonitor(p, a, attrs);
      }
    }
    String[] agent = {null, null, null};
    String rscId = null;
    if (a.rsc instanceof Primitive p && kind.equals("rsc_op")) {
      rscId = p.id;
      agent = new String[] {p.cls, p.provider, p.type};
    }
    return new GraphAction(
        id,
        kind,
        operation,
        key,
        a.node == null || kind.equals("pseudo_event") ? null : a.node.uname,
        a.node == null ? null : a.node.id,
        rscId,
        agent,
        attrs,
        executorId(a));
  }
}
