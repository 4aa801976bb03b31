package org.pacer.pengine.scheduler;

import java.util.ArrayList;
import java.util.List;
import org.pacer.pengine.model.Constraint;

/**
 * Decides which moving resources live-migrate (allow-migrate) instead of stopping and starting. A
 * resource that must start after another one that stops and starts cannot migrate: the ordering
 * would need its stop first.
 */
final class Migration {
  private Migration() {}

  static void decide(Cluster c) {
    for (Primitive p : c.allPrimitives) {
      p.migrating = can(p);
    }
    List<Pair> orders = new ArrayList<>();
    for (Rsc r : c.byId.values()) {
      if (r instanceof GroupRsc g && g.ordered) {
        for (int i = 1; i < g.members.size(); i++) {
          Primitive first = g.members.get(i - 1);
          orders.add(new Pair(first, g.members.get(i), first.id));
        }
      }
    }
    for (Primitive p : c.allPrimitives) {
      if (p.container instanceof Primitive holder) {
        orders.add(new Pair(holder, p, null)); // what runs inside starts after its holder
      }
    }
    for (Constraint k : c.cib.constraints()) {
      if (k instanceof Constraint.Order o
          && o.sets().isEmpty()
          && (Orders.flags(o.kind()) & Ordering.RUNNABLE_LEFT) != 0) {
        Rsc f = c.rsc(o.first());
        Rsc t = c.rsc(o.then());
        // Only an ordering onto a primitive holds its migration back: a group that migrates
        // does so as a whole, whatever it is ordered after.
        if (f == null || !(t instanceof Primitive b) || f instanceof GroupRsc) {
          continue;
        }
        for (Primitive a : f.primitives()) {
          orders.add(new Pair(a, b, f.id));
        }
      }
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Pair o : orders) {
        Primitive first = o.first();
        Primitive then = o.then();
        if (!then.migrating || !moves(first) || first.migrating) {
          continue;
        }
        then.migrating = false;
        changed = true;
        if (o.name() != null) {
          then.migrationBlockedBy = "unrunnable " + o.name() + " stop";
        } // (a guest's connection simply migrates only with its holder)
      }
    }
  }

  /** "then" starts after "first" (named so in the reason when it blocks the migration). */
  private record Pair(Primitive first, Primitive then, String name) {}

  /**
   * Stops where a migration left the resource behind: the source of a completed migration that
   * never stopped, and the target of a partial one that will not be finished there. They are not
   * "active" (the summary does not list them) but must be stopped before it starts anywhere.
   */
  static void danglingStops(ActionGraph g, Primitive p, Action start) {
    if (!p.managed) {
      return;
    }
    List<ClusterNode> nodes = new ArrayList<>(p.danglingSources);
    if (p.partialTarget != null
        && p.allocated != p.partialTarget
        && !p.active.containsKey(p.partialTarget)) {
      nodes.add(p.partialTarget);
    }
    for (ClusterNode n : nodes) {
      if (g.get(p, "stop", n) != null) {
        continue;
      }
      Action stop = g.create(p, "stop", n, 0);
      stop.optional = false;
      if (!n.online || n.unclean) {
        stop.runnable = false;
      }
      g.order(stop, start, 0);
    }
  }

  private static boolean moves(Primitive p) {
    ClusterNode cur = p.current();
    return cur != null && p.allocated != null && cur != p.allocated;
  }

  private static boolean can(Primitive p) {
    if (!p.allowMigrate
        || !p.managed
        || p.failed
        || p.cloneParent() != null
        || p.migrationUnsafe
        || !p.danglingSources.isEmpty()) {
      return false;
    }
    if (p.active.size() != 1 || p.allocated == null) {
      return false;
    }
    ClusterNode cur = p.current();
    if (cur == p.allocated || cur.unclean || !cur.online) {
      return false;
    }
    return p.nextRole == Role.STARTED;
  }
}
