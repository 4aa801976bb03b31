package org.pacer.pengine.scheduler;

/**
 * A guest node that is cleanly down (its container stopped) comes up in the same transition when
 * its container and connection are placed: what should run on it is placed there too and starts
 * once the connection is up, as Pacemaker does for guests and bundle replicas.
 */
final class GuestStart {
  private GuestStart() {}

  /**
   * Fencing a guest means stopping its container: "reboot" when the container will start again
   * (somewhere), "off" when it will not.
   */
  static String fenceAction(ClusterNode n, String clusterAction) {
    if (n.kind != ClusterNode.Kind.GUEST
        || n.connection == null
        || !(n.connection.container instanceof Primitive box)) {
      return clusterAction;
    }
    return box.allocated != null ? "reboot" : "off";
  }

  static void markComingUp(Cluster c) {
    for (ClusterNode n : c.nodes) {
      if (n.kind == ClusterNode.Kind.MEMBER || n.connection == null) {
        continue;
      }
      if (n.unclean && Bundles.isReplicaNode(n)) {
        // A fenced replica keeps its instance, which cannot start while its container cannot.
        n.comingUp = n.connection.allocated != null;
        continue;
      }
      if (n.online || n.unclean) {
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
