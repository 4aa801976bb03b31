package org.pacer.pengine.scheduler;

import java.util.ArrayList;
import java.util.List;

/**
 * A primary that cannot start where it was placed takes its mandatory dependents with it: their
 * starts there cannot run either ("due to colocation with P"), and what already runs there stops.
 * Placement cannot see this (the primary keeps its node; only the orderings found its start
 * unrunnable), so it is applied to the action graph after the orderings have been propagated, and
 * propagated again until nothing changes. A clone blocks its dependents only when none of its
 * instances can start.
 */
final class ColocationBlocking {
  private final Cluster c;
  private final ActionGraph g;

  private ColocationBlocking(Cluster c, ActionGraph g) {
    this.c = c;
    this.g = g;
  }

  static void apply(Cluster c, ActionGraph g) {
    ColocationBlocking b = new ColocationBlocking(c, g);
    List<Coloc> mandatory = new ArrayList<>();
    for (Rsc r : c.resources) {
      b.collect(r, mandatory);
    }
    // Each round blocks at least one more dependent, so this ends within |colocations| rounds.
    for (int round = 0; round <= mandatory.size(); round++) {
      boolean changed = false;
      for (Coloc k : mandatory) {
        changed |= b.block(k);
      }
      if (!changed) {
        return;
      }
      g.propagate();
    }
  }

  private void collect(Rsc r, List<Coloc> out) {
    for (Coloc k : r.primaryOf) {
      if (k.score() >= org.pacer.pengine.model.Score.INFINITY) {
        out.add(k);
      }
    }
    for (Rsc child : r.children()) {
      collect(child, out);
    }
  }

  private boolean block(Coloc k) {
    Rsc primary = k.primary();
    if (!cannotStart(primary)) {
      return false;
    }
    String why = "colocation with " + primary.id;
    boolean changed = false;
    for (Primitive q : k.dependent().primitives()) {
      ClusterNode with = placedWith(primary);
      if (q.allocated == null || (with != null && q.allocated != with)) {
        continue;
      }
      Action a = g.get(q, k.dependentRole() == Role.PROMOTED ? "promote" : "start", q.allocated);
      if (a == null || !a.runnable) {
        continue;
      }
      a.runnable = false;
      a.blockedBy = why;
      a.blockedByAction = null;
      changed = true;
      if (a.task.equals("start") && q.active.containsKey(q.allocated)) {
        Action stop = g.get(q, "stop", q.allocated);
        if (stop != null && stop.optional) {
          stop.optional = false;
        }
      }
    }
    return changed;
  }

  /** The node the dependent had to share with the primary, or null for a collective primary. */
  private static ClusterNode placedWith(Rsc primary) {
    return primary instanceof Primitive p ? p.allocated : null;
  }

  /** Whether the primary was placed but none of it can start (a clone: no instance can). */
  private boolean cannotStart(Rsc primary) {
    if (primary instanceof Primitive p) {
      Action start = p.allocated == null ? null : g.get(p, "start", p.allocated);
      return start != null && !start.runnable;
    }
    if (primary instanceof CloneRsc cl) {
      // Any instance that can start, or that has no start at all here, keeps the clone going.
      for (Rsc i : cl.instances) {
        for (Primitive p : i.primitives()) {
          Action start = p.allocated == null ? null : g.get(p, "start", p.allocated);
          if (start == null || start.runnable) {
            return false;
          }
        }
      }
      return !cl.instances.isEmpty();
    }
    return false;
  }
}
