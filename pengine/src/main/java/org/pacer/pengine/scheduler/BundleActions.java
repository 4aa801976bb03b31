package org.pacer.pengine.scheduler;

import org.pacer.pengine.model.ResourceDef;
import org.pacer.pengine.model.Score;

/**
 * The actions of bundles beyond those of their parts: the bundle's milestones spanning its inner
 * clone, and after propagation what holds a replica back and how crm_simulate words it.
 */
final class BundleActions {
  private BundleActions() {}

  /**
   * The bundle's own milestones span its inner clone: it is running once the inner instances are,
   * and stopped once they are too (so "B then X" waits for the whole bundle).
   */
  static void milestones(Cluster c, ActionGraph g) {
    for (ResourceDef d : c.cib.resources()) {
      if (!(d instanceof ResourceDef.Bundle b) || b.inner() == null) {
        continue;
      }
      Rsc box = c.rsc(b.id());
      Rsc inner = c.rsc(b.innerCloneId());
      int implies = Ordering.IMPLIES_THEN;
      g.order(
          g.pseudo(box, "start"),
          g.pseudo(inner, "start"),
          implies | Ordering.PASS_REASON | Ordering.RUNNABLE_LEFT);
      g.order(
          g.pseudo(inner, "running"), g.pseudo(box, "running"), implies | Ordering.RUNNABLE_LEFT);
      g.order(g.pseudo(box, "stop"), g.pseudo(inner, "stop"), implies | Ordering.PASS_REASON);
      g.order(g.pseudo(inner, "stopped"), g.pseudo(box, "stopped"), implies);
    }
  }

  /**
   * A replica's connection placed while its container has nowhere to run cannot start: what waits
   * for it reports the container's unrunnable start.
   */
  static void blockUnplaced(Cluster c, ActionGraph g) {
    for (ClusterNode n : c.nodes) {
      if (!Bundles.isReplicaNode(n)) {
        continue;
      }
      Primitive conn = n.connection;
      Primitive box = (Primitive) conn.container;
      Action start = conn.allocated == null ? null : g.get(conn, "start", conn.allocated);
      if (box.allocated == null && start != null && start.runnable) {
        start.runnable = false;
        start.blockedBy = "unrunnable " + box.id + " start";
      }
    }
  }

  /**
   * After propagation: an action held up on a replica because its connection cannot start gives the
   * connection's own reason (its container cannot start), as crm_simulate reports it.
   */
  static void passReasons(Cluster c, ActionGraph g) {
    boolean stopsChanged = false;
    for (Action a : g.actions) {
      ClusterNode n = a.node;
      if (a.runnable || n == null || !Bundles.isReplicaNode(n) || a.blockedBy == null) {
        continue;
      }
      Primitive conn = n.connection;
      Action connStart = conn.allocated == null ? null : g.get(conn, "start", conn.allocated);
      if (connStart != null
          && !connStart.runnable
          && connStart.blockedBy != null
          && a.blockedBy.equals("unrunnable " + conn.id + " start")) {
        a.blockedBy = connStart.blockedBy;
        a.blockedByAction = connStart.blockedByAction;
      }
      // What runs there and cannot start again stops.
      Action stop = a.task.equals("start") ? g.get(a.rsc, "stop", n) : null;
      if (stop != null
          && stop.optional
          && a.rsc instanceof Primitive p
          && p.active.containsKey(n)) {
        stop.optional = false;
        stopsChanged = true;
      }
    }
    if (stopsChanged) {
      g.propagate();
    }
    colocationReasons(c, g);
  }

  /**
   * A bundle that must run with another bundle: an instance held back on a replica whose host loses
   * the other bundle's container is reported "due to colocation with" that container.
   */
  private static void colocationReasons(Cluster c, ActionGraph g) {
    for (Rsc r : c.resources) {
      if (!(r instanceof CloneRsc boxes) || boxes.bundle == null || boxes.bundle.inner() == null) {
        continue;
      }
      if (!boxes.id.equals(boxes.bundle.id())) {
        continue;
      }
      for (Coloc col : boxes.dependentOf) {
        if (col.score() < Score.INFINITY
            || !(col.primary() instanceof CloneRsc other)
            || other.bundle == null) {
          continue;
        }
        for (int i = 0; i < boxes.bundle.replicas(); i++) {
          Rsc in = c.rsc(boxes.bundle.inner().id() + ":" + i);
          Rsc box = c.rsc(boxes.bundle.containerId(i));
          if (!(in instanceof Primitive p)
              || p.allocated == null
              || !(box instanceof Primitive b)) {
            continue;
          }
          Action start = g.get(p, "start", p.allocated);
          ClusterNode host = b.current();
          if (start == null || start.runnable || host == null) {
            continue;
          }
          for (Primitive q : other.primitives()) {
            if (q.active.containsKey(host) && q.allocated != host) {
              start.blockedBy = "colocation with " + q.id;
              break;
            }
          }
        }
      }
    }
  }
}
