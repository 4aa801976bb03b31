package org.pacer.pengine.scheduler;

import java.util.Arrays;
import org.pacer.pengine.model.ClusterOption;
import org.pacer.pengine.model.Score;

/**
 * shutdown-lock: with it on, what ran on a node that shut down cleanly stays stopped there, locked
 * to that node, instead of moving, until the node returns or shutdown-lock-limit passes. Clone
 * instances, fencing devices and remote connections are never locked.
 */
final class ShutdownLocks {
  private ShutdownLocks() {}

  private static boolean lockable(Primitive p) {
    return p.cloneParent() == null && !p.isStonith() && !p.isRemoteConnection;
  }

  /** A lock recorded in the history of a node that is down now; expired locks lock nothing. */
  static void lockedByHistory(Cluster c, Primitive p, ClusterNode n, long lockedAt, long now) {
    if (!c.options.bool(ClusterOption.SHUTDOWN_LOCK) || !lockable(p)) {
      return;
    }
    long limitMs = c.options.durationMs(ClusterOption.SHUTDOWN_LOCK_LIMIT);
    if (limitMs > 0 && lockedAt * 1000 + limitMs <= now * 1000) {
      return;
    }
    p.lockedTo = n;
  }

  /** Locks what runs on nodes shutting down now, then bans every locked resource elsewhere. */
  static void apply(Cluster c) {
    if (!c.options.bool(ClusterOption.SHUTDOWN_LOCK)) {
      return;
    }
    for (Primitive p : c.allPrimitives) {
      if (p.lockedTo == null && lockable(p)) {
        for (ClusterNode n : p.active.keySet()) {
          if (n.shutdown && n.online && !n.unclean) {
            p.lockedTo = n;
          }
        }
      }
      if (p.lockedTo == null) {
        continue;
      }
      int[] ban = new int[c.nodeCount()];
      Arrays.fill(ban, Locations.ABSENT);
      for (ClusterNode n : c.nodes) {
        if (n != p.lockedTo) {
          ban[n.index] = Score.MINUS_INFINITY;
        }
      }
      Locations.applyTo(p, ban);
    }
  }
}
