package org.pacer.pengine.scheduler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pacer.pengine.model.LrmOp;

/**
 * Reads live migrations out of the history once every node's history is known: a migration spans
 * two nodes (migrate_to on the source, migrate_from on the target, then a stop on the source), so
 * where the resource runs depends on how far the sequence got on both.
 *
 * <ul>
 *   <li>Completed on the target but the source never stopped: active on the target only; the source
 *       still needs a stop (a "dangling" source), and the resource does not migrate again until it
 *       has had it.
 *   <li>migrate_to done, no migrate_from yet, target up: a partial migration, finished by a
 *       migrate_from on the target when the target is still the place to run.
 *   <li>The same with the target down, or migrate_from failed while the source still runs: the
 *       migration failed, and the resource with it (recovered, never migrated).
 *   <li>migrate_to or migrate_from failed and the target has no newer state: the resource may be
 *       running on the target too, and the target is where it is looked at first.
 * </ul>
 *
 * "Newer state" on the target is a later operation there: by call id after its migrate_from, by
 * time after the migrate_to when there was no migrate_from (call ids of different nodes are not
 * comparable).
 */
final class MigrationHistory {
  private MigrationHistory() {}

  /** Applies the rules to every non-clone primitive with migration history, once. */
  static void apply(Cluster c, boolean connectionsOnly) {
    for (Primitive p : c.allPrimitives) {
      if (p.migrationOps.isEmpty() || p.migrationSettled) {
        continue;
      }
      if (connectionsOnly && !p.isRemoteConnection) {
        continue;
      }
      p.migrationSettled = true;
      for (var e : List.copyOf(p.migrationOps.entrySet())) {
        settle(c, p, e.getKey(), e.getValue());
      }
    }
  }

  private static void settle(Cluster c, Primitive p, ClusterNode source, List<LrmOp> ops) {
    LrmOp to = last(ops, "migrate_to", null);
    if (to == null || to.status() == -1 || to.migrateTarget() == null) {
      return;
    }
    ClusterNode target = c.node(to.migrateTarget());
    if (target == null || target == source) {
      return;
    }
    boolean sourceNewer = ops.stream().anyMatch(o -> o.callId() > to.callId() && !isMonitor(o));
    List<LrmOp> targetOps = p.migrationOps.get(target);
    LrmOp from = targetOps == null ? null : last(targetOps, "migrate_from", source.uname());
    boolean targetNewer = targetOps != null && newerOnTarget(targetOps, to, from);
    boolean targetUp = target.online && !target.unclean;
    boolean toOk = to.status() == 0 && to.rc() == 0;
    if (!toOk) {
      // The migration may have got as far as starting it on the target.
      if (targetOps != null && !targetNewer && targetUp) {
        activeFirst(p, target);
        p.history(target).restartNeeded = true;
      }
      return;
    }
    boolean fromOk = from != null && from.status() == 0 && from.rc() == 0;
    if (from != null && fromOk && !targetNewer) {
      if (!sourceNewer) {
        p.active.remove(source);
        p.danglingSources.add(source);
      }
      return;
    }
    if (from != null && !fromOk) {
      if (!targetNewer && targetUp && p.active.containsKey(target)) {
        activeFirst(p, target);
      } else if (!sourceNewer && p.active.containsKey(source)) {
        failed(p, source);
      }
      return;
    }
    if (from == null && !targetNewer) {
      if (targetUp && targetOps != null && sourceNewer) {
        // The source stopped; the target took it over, but not by a start this scheduler can
        // vouch for: it moves by stop and start, not by migrating again.
        activeFirst(p, target);
        p.migrationUnsafe = true;
      } else if (targetUp && !sourceNewer) {
        p.partialTarget = target;
      } else if (!sourceNewer && p.active.containsKey(source)) {
        failed(p, source);
      }
    }
  }

  private static void failed(Primitive p, ClusterNode n) {
    Primitive.History h = p.history(n);
    h.failed = true;
    p.failed = true;
  }

  /** Puts the node first among those the resource is active on (with its role, or Started). */
  private static void activeFirst(Primitive p, ClusterNode n) {
    Map<ClusterNode, Role> copy = new LinkedHashMap<>(p.active);
    Role role = copy.remove(n);
    p.active.clear();
    p.active.put(n, role == null ? Role.STARTED : role);
    p.active.putAll(copy);
  }

  private static boolean newerOnTarget(List<LrmOp> targetOps, LrmOp to, LrmOp from) {
    if (from != null) {
      return targetOps.stream().anyMatch(o -> o.callId() > from.callId() && !isRecurringMonitor(o));
    }
    long when = time(to);
    return when > 0 && targetOps.stream().anyMatch(o -> time(o) > when);
  }

  private static LrmOp last(List<LrmOp> ops, String task, String source) {
    LrmOp found = null;
    for (LrmOp o : ops) {
      if (task.equals(o.operation()) && (source == null || source.equals(o.migrateSource()))) {
        found = o;
      }
    }
    return found;
  }

  private static long time(LrmOp o) {
    return o.lastRcChange() > 0 ? o.lastRcChange() : o.lastRun();
  }

  private static boolean isMonitor(LrmOp o) {
    return "monitor".equals(o.operation())
        || "notify".equals(o.operation())
        || "cancel".equals(o.operation());
  }

  private static boolean isRecurringMonitor(LrmOp o) {
    return "monitor".equals(o.operation()) && o.intervalMs() > 0;
  }
}
