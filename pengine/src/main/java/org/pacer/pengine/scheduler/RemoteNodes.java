package org.pacer.pengine.scheduler;

/**
 * Remote and guest nodes are online while their connection resource runs on a healthy cluster node,
 * and unclean when it ran on a node that failed.
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
      n.online = host != null && host.online && !host.unclean && !conn.failed;
      n.seen = true;
    }
  }
}
