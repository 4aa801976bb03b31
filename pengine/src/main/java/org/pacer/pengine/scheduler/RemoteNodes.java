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
      if (!c.stonithEnabled) {
        continue;
      }
      n.unclean = true;
      n.uncleanReason =
          n.kind == ClusterNode.Kind.GUEST
              ? "guest is unclean"
              : "remote connection is unrecoverable";
    }
  }
}
