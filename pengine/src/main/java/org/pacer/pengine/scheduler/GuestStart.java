package org.pacer.pengine.scheduler;

/**
 * A guest node that is cleanly down (its container stopped) comes up in the same transition when
 * its container and connection are placed: what should run on it is placed there too and starts
 * once the connection is up, as Pacemaker does for guests and bundle replicas.
 */
final class GuestStart {
  private GuestStart() {}

  static void markComingUp(Cluster c) {
    for (ClusterNode n : c.nodes) {
      if (n.kind == ClusterNode.Kind.MEMBER || n.online || n.unclean || n.connection == null) {
        continue;
      }
      Primitive conn = n.connection;
      // A bundle replica's instance is placed on it even when its container has nowhere to
      // go: the container's unrunnable start then holds it (Bundles.blockUnplaced).
      boolean holderPlaced =
          !(conn.container instanceof Primitive holder)
              || holder.allocated != null
              || Bundles.isReplicaNode(n);
      n.comingUp = conn.allocated != null && holderPlaced;
    }
  }
}
