package org.pacer.pengine.scheduler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Unfencing: when a fencing device provides it (meta provides=unfencing), a node that has not been
 * unfenced yet (no #node-unfenced attribute) is unfenced ("on") before anything that needs fencing
 * is probed or started there. The summary names the first such action, probes before starts.
 */
final class Unfencing {
  private Unfencing() {}

  static void schedule(Cluster c, ActionGraph g, List<Action> fencing) {
    if (!c.stonithEnabled || c.allPrimitives.stream().noneMatch(Unfencing::provides)) {
      return;
    }
    Map<ClusterNode, Action> unfencing = new LinkedHashMap<>();
    List<Action> actions = List.copyOf(g.actions);
    for (boolean probes : new boolean[] {true, false}) {
      for (Action a : actions) {
        if (!(a.rsc instanceof Primitive p) || a.node == null || a.pseudo) {
          continue;
        }
        boolean trigger =
            probes
                ? "monitor".equals(a.task) && a.intervalMs == 0
                : "start".equals(a.task) && !a.optional;
        if (!trigger || !needed(a.node) || !needsUnfencing(p)) {
          continue;
        }
        Action u = unfencing.get(a.node);
        if (u == null) {
          u = g.create(null, "stonith", a.node, 0);
          u.optional = false;
          u.fenceAction = "on";
          u.reason = "required by " + p.id + " " + a.task;
          fencing.add(u);
          unfencing.put(a.node, u);
        }
        g.order(u, a, 0);
      }
    }
  }

  /**
   * A fencing device's probe needs the node unfenced when it provides unfencing; others when they
   * require fencing.
   */
  private static boolean needsUnfencing(Primitive p) {
    return p.isStonith()
        ? provides(p)
        : "fencing".equals(p.requires) || "unfencing".equals(p.requires);
  }

  private static boolean provides(Primitive p) {
    return p.isStonith() && "unfencing".equals(p.meta.get("provides"));
  }

  private static boolean needed(ClusterNode n) {
    if (n.kind != ClusterNode.Kind.MEMBER || !n.online || n.unclean) {
      return false;
    }
    String done = n.attributes.get("#node-unfenced");
    return done == null || done.isBlank() || done.equals("0");
  }
}
