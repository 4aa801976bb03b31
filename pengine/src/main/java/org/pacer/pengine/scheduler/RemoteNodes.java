package org.pacer.pengine.scheduler;

import org.pacer.pengine.model.ClusterOption;

/**
 * Remote and guest nodes are online while their connection resource (ocf:pacemaker:remote, or the
 * container of a guest) runs healthy on a clean cluster node. A connection that failed, or a
 * container whose host is lost, leaves the node unclean: it must be fenced before what ran there
 * can run elsewhere.
 */
final class RemoteNodes {
  private RemoteNodes() {}

  static void decide(Cluster c) {
    for (ClusterNode n : c.nodes) {
      if (n.kind == ClusterNode.Kind.MEMBER) {
        continue;
      }
      Primitive conn = n.connection;
      if (conn == null) {
        continue;
      }
      ClusterNode host = conn.current();
      n.seen = true;
      boolean failed = conn.failed;
      if (conn.container instanceof Primitive holder) {
        // A guest lives in its holder: the holder's state decides.
        failed |= holder.failed;
        if (holder.current() != null) {
          host = holder.current();
        } else if (!holder.failed) {
          n.online = false; // no holder, no guest, whatever its connection says
          continue;
        }
      }
      boolean hostLost = host != null && host.unclean;
      if (hostLost && n.kind == ClusterNode.Kind.REMOTE) {
        // The connection is recovered on another cluster node once its host is fenced; the
        // remote node itself is fine.
        n.online = true;
        continue;
      }
      if (host != null && !hostLost && host.online && !failed) {
        n.online = true;
        n.standby = n.standby || ClusterOption.isTrue(n.attributes.get("standby"));
        continue;
      }
      n.online = false;
      if (host == null) {
        continue; // connection stopped: the node is cleanly offline
      }
      if (!c.canFence(n)) {
        continue;
      }
      n.unclean = true;
      n.uncleanReason =
          n.kind == ClusterNode.Kind.GUEST
              ? "guest is unclean"
              : "remote connection is unrecoverable";
      // A guest is "fenced" by recovering its holder, after which it is back.
      n.remoteRequiresReset = n.kind == ClusterNode.Kind.GUEST;
    }
  }

  /**
   * Once connections are placed (called again after bundle connections are): a remote or guest node
   * that is down cleanly comes up with its connection's start, in this transition, and a guest
   * reset by recovering its holder comes back wherever the holder and connection start again.
   * Either may take resources (what a reset guest ran is recovered there, after the reset); they
   * start once the connection is up ({@link RemoteOrders}).
   */
  static void markComingUp(Cluster c) {
    for (ClusterNode n : c.nodes) {
      Primitive conn = n.connection;
      if (n.kind == ClusterNode.Kind.MEMBER || conn == null || conn.allocated == null) {
        continue;
      }
      if (n.fencingRevocable && n.unclean) {
        // Its connection comes up again: no need to fence it, what runs there is seen then.
        n.unclean = false;
        n.uncleanReason = null;
      }
      boolean downCleanly = !n.online && !n.unclean && conn.managed;
      // A fenced bundle replica keeps its instance, which cannot start while its container cannot.
      boolean fencedReplica = n.unclean && Bundles.isReplicaNode(n);
      if (!n.remoteRequiresReset && !downCleanly && !fencedReplica) {
        continue;
      }
      // A bundle replica's instance is placed on it even when its container has nowhere to go:
      // the container's unrunnable start then holds it (BundleActions.blockUnplaced).
      if (conn.container instanceof Primitive holder
          && holder.allocated == null
          && !Bundles.isReplicaNode(n)) {
        continue;
      }
      n.comingUp = true;
    }
  }

  /**
   * A remote connection with reconnect_interval that failed less than that interval ago (or at a
   * time nobody recorded) stays stopped: it is retried once the interval has passed since the
   * failure, not at once.
   */
  static void waitForReconnect(Cluster c) {
    long now = org.pacer.pengine.rules.CibTime.epoch(c.now);
    for (Primitive p : c.allPrimitives) {
      String v = p.isRemoteConnection ? p.params.get("reconnect_interval") : null;
      boolean failedNow = p.history.values().stream().anyMatch(h -> h.failed);
      if (v == null || (p.lastFailure.isEmpty() && !failedNow)) {
        continue;
      }
      long ms;
      try {
        ms = ClusterOption.parseDurationMs(v);
      } catch (IllegalArgumentException e) {
        c.warnings.add("resource " + p.id + ": reconnect_interval " + e.getMessage());
        continue;
      }
      long last = p.lastFailure.values().stream().mapToLong(Long::longValue).max().orElse(0);
      // A failure with no recorded time cannot have waited long enough yet.
      boolean waiting = last > 0 ? last * 1000 + ms > now * 1000 : failedNow;
      if (ms > 0 && waiting) {
        java.util.Arrays.fill(p.weights, org.pacer.pengine.model.Score.MINUS_INFINITY);
      }
    }
  }

  /**
   * A failure whose on-fail is fence, on a guest: the guest is reset by recovering its holder. What
   * else runs there did not fail; it restarts with the holder.
   */
  static void resetForFailure(ClusterNode n) {
    if (n.connection == null || !(n.connection.container instanceof Primitive holder)) {
      return;
    }
    n.unclean = true;
    n.online = false;
    n.uncleanReason = "guest is unclean";
    n.remoteRequiresReset = true;
    if (holder.current() != null) {
      holder.history(holder.current()).failed = true;
      holder.failed = true;
    }
  }

  /**
   * A guest is "fenced" by recovering its holder: a reboot when the holder starts again, "off" when
   * it is to stay stopped.
   */
  static String guestFenceAction(ClusterNode n, String action) {
    if (n.kind == ClusterNode.Kind.GUEST
        && n.connection != null
        && n.connection.container instanceof Primitive holder) {
      return holder.allocated == null ? "off" : "reboot";
    }
    return action;
  }

  /**
   * After placement: a remote node whose connection was lost with its host and will not run again
   * anywhere cannot be reached to stop what runs on it, so it must be fenced first.
   */
  static void fenceUnrecoverable(Cluster c) {
    if (!c.stonithEnabled) {
      return;
    }
    for (ClusterNode n : c.nodes) {
      Primitive conn = n.connection;
      if (n.kind != ClusterNode.Kind.REMOTE || conn == null || n.unclean || !n.online) {
        continue;
      }
      ClusterNode host = conn.current();
      if (host == null || !host.unclean || conn.allocated != null || !c.canFence(n)) {
        continue;
      }
      boolean active = c.allPrimitives.stream().anyMatch(p -> p.active.containsKey(n));
      // Never probed at all: nobody knows what runs there.
      boolean unknown = c.allPrimitives.stream().noneMatch(p -> p.history.containsKey(n));
      if (active || unknown) {
        n.unclean = true;
        n.online = false;
        n.uncleanReason =
            active
                ? "resources are active but connection is unrecoverable"
                : "resources are in unknown state and connection is unrecoverable";
      }
    }
  }

  /**
   * After the history: a remote node whose connection failed to start needs fencing only when
   * something is thought to be active there ("X is thought to be active there"); with nothing there
   * it is just offline and the connection is recovered.
   */
  static void settle(Cluster c) {
    // What ran on a guest being reset stops with it: it has to be recovered.
    for (Primitive p : c.allPrimitives) {
      for (ClusterNode n : p.active.keySet()) {
        if (n.remoteRequiresReset && c.canFence(n)) {
          p.history(n).failed = true;
          // Resetting a guest with resources on it is a recovery of its holder.
          if (p.managed
              && n.connection != null
              && n.connection.container instanceof Primitive holder
              && holder.current() != null) {
            holder.history(holder.current()).failed = true;
          }
        }
      }
    }
    for (ClusterNode n : c.nodes) {
      if (n.kind != ClusterNode.Kind.REMOTE
          || !n.unclean
          || !"remote connection is unrecoverable".equals(n.uncleanReason)
          || n.connection.history.values().stream()
              .noneMatch(h -> h.failed && "start".equals(h.lastTask))) {
        continue; // a connection lost while up leaves the node unclean whatever ran there
      }
      Primitive first = null;
      for (Primitive p : c.allPrimitives) {
        if (p.active.containsKey(n)) {
          first = p;
          break;
        }
      }
      if (first == null) {
        n.unclean = false;
        n.uncleanReason = null;
      } else {
        n.uncleanReason = first.id + " is thought to be active there";
      }
    }
  }
}
