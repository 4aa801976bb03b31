package org.pacer.pengine.scheduler;

import org.pacer.pengine.model.Score;

/**
 * After propagation: a resource that must run with a primary that stays placed but cannot start (an
 * ordering holds it back) cannot start either, and stops if it runs there: "due to colocation with
 * PRIMARY", as crm_simulate reports it. Propagation then runs again for what waits on the
 * dependent.
 */
final class ColocationBlocks {
  private ColocationBlocks() {}

  static void apply(Cluster c, ActionGraph g) {
    boolean changed = false;
    for (Primitive p : c.allPrimitives) {
      if (p.allocated == null || p.cloneParent() != null) {
        continue;
      }
      Action start = g.get(p, "start", p.allocated);
      if (start == null || !start.runnable) {
        continue;
      }
      for (Coloc col : p.dependentOf) {
        if (col.score() < Score.INFINITY
            || col.dependentRole() != null
            || col.primaryRole() != null
            || col.nodeAttribute() != null
            || !(col.primary() instanceof Primitive q)
            || q.cloneParent() != null
            || q.allocated != p.allocated) {
          continue;
        }
        Action qs = g.get(q, "start", q.allocated);
        if (qs != null && !qs.runnable) {
          start.runnable = false;
          start.blockedBy = "colocation with " + q.id;
          Action stop = g.get(p, "stop", p.allocated);
          if (stop != null && p.active.containsKey(p.allocated)) {
            stop.optional = false;
          }
          changed = true;
          break;
        }
      }
    }
    if (changed) {
      g.propagate();
    }
  }
}
