package org.pacer.pengine.scheduler;

import java.util.List;

/**
 * Orders what happens on a remote or guest node around its connection: nothing can be probed or
 * started there before the connection is up, and what is stopped there (while the node stays
 * reachable) is stopped before the connection goes down. Without these the controller would send
 * operations to a node it cannot reach yet, or no longer.
 */
final class RemoteOrders {
  private RemoteOrders() {}

  static void apply(Cluster c, ActionGraph g) {
    for (Action a : List.copyOf(g.actions)) {
      ClusterNode n = a.node;
      if (n == null || n.kind == ClusterNode.Kind.MEMBER || a.rsc == null || a.pseudo) {
        continue;
      }
      Primitive conn = n.connection;
      if (conn == null || a.rsc == conn) {
        continue;
      }
      boolean up = "start".equals(a.task) || "monitor".equals(a.task) || "promote".equals(a.task);
      if (up && conn.allocated != null) {
        Action start = g.get(conn, "start", conn.allocated);
        if (start != null && !conn.active.containsKey(conn.allocated)) {
          // It can only run once the connection is up.
          g.order(start, a, Ordering.RUNNABLE_LEFT);
        }
      }
      boolean down = "stop".equals(a.task) || "demote".equals(a.task);
      if (down) {
        for (ClusterNode host : conn.active.keySet()) {
          g.order(a, g.get(conn, "stop", host), 0);
        }
      }
      if (conn.container instanceof Primitive holder && !"monitor".equals(a.task)) {
        // A guest lives and dies with its holder: restarting or moving the holder restarts
        // what runs on the guest.
        if (up && holder.allocated != null) {
          Action start = g.get(holder, "start", holder.allocated);
          g.order(start, a, Ordering.IMPLIES_THEN | Ordering.RUNNABLE_LEFT);
        }
        if (down) {
          for (ClusterNode host : holder.active.keySet()) {
            g.order(a, g.get(holder, "stop", host), Ordering.IMPLIES_FIRST);
          }
        }
      }
    }
  }
}
