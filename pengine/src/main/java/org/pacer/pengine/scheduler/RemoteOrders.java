package org.pacer.pengine.scheduler;

import java.util.List;

/**
 * Orders what happens on a remote or guest node around its connection: nothing can be probed or
 * started there before the connection is up (nor at all when the connection cannot run), and what
 * is stopped there (while the node stays reachable) is stopped before the connection goes down.
 * Without these the controller would send operations to a node it cannot reach yet, or no longer. A
 * guest also lives and dies with its holder (a bundle replica with its container).
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
      Primitive holder = conn.container instanceof Primitive h ? h : null;
      if ("stop".equals(a.task) || "demote".equals(a.task)) {
        beforeDown(g, a, n, conn, holder);
      } else if (conn.allocated == null) {
        blockUnreachable(g, a, n, conn);
      } else {
        afterUp(g, a, conn, holder);
      }
    }
  }

  private static void beforeDown(
      ActionGraph g, Action a, ClusterNode n, Primitive conn, Primitive holder) {
    // A guest's resources die with it: stopping its connection stops them.
    int flags =
        n.kind == ClusterNode.Kind.GUEST && "stop".equals(a.task) ? Ordering.IMPLIES_FIRST : 0;
    for (ClusterNode host : conn.active.keySet()) {
      g.order(a, g.get(conn, "stop", host), flags);
    }
    if (holder != null) {
      for (ClusterNode host : holder.active.keySet()) {
        g.order(a, g.get(holder, "stop", host), Ordering.IMPLIES_FIRST);
      }
    }
  }

  /** Placed on a node whose connection cannot run (a bundle replica's): it cannot start there. */
  private static void blockUnreachable(ActionGraph g, Action a, ClusterNode n, Primitive conn) {
    if (!"start".equals(a.task) && !"promote".equals(a.task)) {
      return;
    }
    a.runnable = false;
    a.blockedBy = "unrunnable " + conn.id + " start";
    Action stop = "start".equals(a.task) ? g.get(a.rsc, "stop", n) : null;
    if (stop != null && a.rsc instanceof Primitive p && p.active.containsKey(n)) {
      stop.optional = false;
    }
  }

  private static void afterUp(ActionGraph g, Action a, Primitive conn, Primitive holder) {
    Action start = g.get(conn, "start", conn.allocated);
    if (start != null) {
      // It can only run once the connection is up (or restarted).
      g.order(start, a, Ordering.RUNNABLE_LEFT);
    }
    boolean starts = "start".equals(a.task) || "promote".equals(a.task);
    if (holder != null && holder.allocated != null && starts) {
      // Restarting or moving the holder restarts what runs on the guest.
      g.order(
          g.get(holder, "start", holder.allocated),
          a,
          Ordering.IMPLIES_THEN | Ordering.RUNNABLE_LEFT);
    }
  }
}
