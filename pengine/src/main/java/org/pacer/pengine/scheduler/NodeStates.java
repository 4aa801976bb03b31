package org.pacer.pengine.scheduler;

import java.util.HashMap;
import java.util.Map;
import org.pacer.pengine.model.ClusterOption;
import org.pacer.pengine.model.NodeState;

/** Decides each cluster node's state (online, offline, pending, unclean) from node_state. */
final class NodeStates {
  private NodeStates() {}

  static Map<ClusterNode, NodeState> apply(Cluster c) {
    Map<ClusterNode, NodeState> states = new HashMap<>();
    for (NodeState s : c.cib.status()) {
      ClusterNode n = c.nodesById.get(s.id());
      if (n == null) {
        n = c.nodesByName.get(s.uname());
      }
      if (n != null) {
        states.put(n, s);
      }
    }
    boolean startupFencing = c.options.bool(ClusterOption.STARTUP_FENCING);
    for (ClusterNode n : c.nodes) {
      NodeState s = states.get(n);
      n.standby = ClusterOption.isTrue(n.attributes.get("standby"));
      n.maintenance = ClusterOption.isTrue(n.attributes.get("maintenance"));
      if (n.kind != ClusterNode.Kind.MEMBER) {
        continue; // decided from the connection resource, after the history is read
      }
      if (s == null) {
        n.seen = false;
        if (c.stonithEnabled && startupFencing) {
          n.unclean = true;
          n.uncleanReason = "node is unclean";
        }
        continue;
      }
      n.seen = true;
      boolean inCcm = ClusterOption.isTrue(s.inCcm());
      boolean crmdOnline = "online".equals(s.crmd());
      String join = s.join();
      boolean expectedUp = "member".equals(s.expected());
      n.expectedUp = expectedUp;
      String shutdown = n.attributes.get("shutdown");
      if (shutdown != null && !shutdown.equals("0")) {
        n.shutdown = true;
      }
      if (inCcm && crmdOnline && "member".equals(join)) {
        n.online = true;
        String terminate = n.attributes.get("terminate");
        if (terminate != null
            && !terminate.equals("0")
            && !terminate.equals("false")
            && c.stonithEnabled) {
          n.unclean = true;
          n.uncleanReason = "termination was requested";
        }
      } else if ("banned".equals(join) && inCcm && crmdOnline) {
        n.online = true; // it is up, but not allowed in
        fenceIfEnabled(c, n, "peer failed Pacemaker membership criteria");
      } else if (inCcm && crmdOnline) {
        n.pending = true; // up, still joining
        n.joining = true;
      } else if (!inCcm && !crmdOnline && n.shutdown) {
        n.shutdown = false; // it asked to leave and has left: cleanly down
      } else if (s.inCcm() == null && !"member".equals(join)) {
        fenceIfEnabled(c, n, "peer has not been seen by the cluster");
      } else if (!inCcm && expectedUp && !n.shutdown) {
        // (One that was shutting down when it left the membership left cleanly.)
        fenceIfEnabled(c, n, "peer is no longer part of the cluster");
      } else if (inCcm && !crmdOnline && expectedUp) {
        fenceIfEnabled(c, n, "peer process is no longer available");
      } else if (!inCcm && crmdOnline) {
        n.pending = true;
      } else if (inCcm && !crmdOnline && s.expected() == null && c.stonithEnabled) {
        n.pending = true; // (without fencing, a controller that is down is just down)
      }
    }
    return states;
  }

  private static void fenceIfEnabled(Cluster c, ClusterNode n, String reason) {
    // Without fencing a lost node is taken to be cleanly down.
    if (c.stonithEnabled) {
      n.unclean = true;
      n.uncleanReason = reason;
    }
  }
}
