package org.pacer.pengine.scheduler;

import java.util.ArrayList;

/**
 * What runs on a remote or guest node is reached through its connection: actions there wait for the
 * connection to start (and cannot run when it cannot), and stops there go before the connection
 * stops.
 */
final class RemoteOrders {
  private RemoteOrders() {}

  static void apply(Cluster c, ActionGraph g) {
    for (Action a : new ArrayList<>(g.actions)) {
      ClusterNode n = a.node;
      if (n == null || n.kind == ClusterNode.Kind.MEMBER || n.connection == null) {
        continue;
      }
      Primitive conn = n.connection;
      if (a.rsc == conn || a.pseudo || a.rsc == null) {
        continue;
      }
      if (a.task.equals("stop")) {
        ClusterNode host = conn.current();
        Action connStop = host == null ? null : g.get(conn, "stop", host);
        // A guest's resources die with its container: stopping the connection stops them.
        g.order(a, connStop, n.kind == ClusterNode.Kind.GUEST ? Ordering.IMPLIES_FIRST : 0);
        continue;
      }
      if (conn.allocated == null && (a.task.equals("start") || a.task.equals("promote"))) {
        // Placed on a replica whose connection cannot run: it cannot start there.
        a.runnable = false;
        a.blockedBy = "unrunnable " + conn.id + " start";
        Action stop = a.task.equals("start") ? g.get(a.rsc, "stop", n) : null;
        if (stop != null && a.rsc instanceof Primitive p && p.active.containsKey(n)) {
          stop.optional = false;
        }
        continue;
      }
      Action connStart = conn.allocated == null ? null : g.get(conn, "start", conn.allocated);
      if (connStart != null) {
        g.order(connStart, a, Ordering.RUNNABLE_LEFT);
      }
    }
  }
}
