package org.pacer.crmd.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pacer.crmd.graph.GraphFormatException;
import org.pacer.crmd.graph.GraphParser;
import org.pacer.crmd.message.Member;

/** What must hold after every event of a simulation, and at its end. */
final class SimInvariants {

  private final SimCluster sim;

  SimInvariants(SimCluster sim) {
    this.sim = sim;
  }

  void afterEvent() {
    for (String r : sim.resources) {
      List<String> where = new ArrayList<>();
      for (SimCluster.SimNode n : sim.nodes.values()) {
        if (n.power && n.exec.running.contains(r)) {
          where.add(n.name());
        }
      }
      if (where.size() > 1) {
        fail(r + " is active on " + where + " at once");
      }
    }
    Map<Long, String> dcs = new HashMap<>();
    for (SimCluster.SimNode n : sim.nodes.values()) {
      if (n.ctl != null && n.ctl.isDc()) {
        String other = dcs.put(n.ctl.currentViewId(), n.name());
        if (other != null) {
          fail("two DCs in view " + n.ctl.currentViewId() + ": " + other + " and " + n.name());
        }
      }
    }
  }

  void fencingRequested(SimCluster.SimNode requester, String target) {
    // Quorum as it truly is for the requester's view (a majority of the cluster), not as its
    // controller believes: a controller once fenced with the quorum of an earlier, larger view.
    if (requester.ctl == null || requester.ctl.currentMembers().size() * 2 > sim.names.size()) {
      return;
    }
    for (Member m : requester.ctl.currentMembers()) {
      if (m.name().equals(target)) {
        return;
      }
    }
    fail(requester.name() + " has no quorum but fenced " + target + ", outside its partition");
  }

  /** After faults stop: one DC for everyone, and nothing left to do. */
  void converged() {
    SimCluster.SimNode dc = null;
    for (SimCluster.SimNode n : sim.nodes.values()) {
      if (n.ctl == null) {
        fail(n.name() + " is not running at the end");
      }
      if (n.ctl.isDc()) {
        if (dc != null) {
          fail("two DCs at the end: " + dc.name() + " and " + n.name());
        }
        dc = n;
      }
    }
    if (dc == null) {
      fail("no DC at the end");
    }
    for (SimCluster.SimNode n : sim.nodes.values()) {
      if (!dc.name().equals(n.ctl.dc())) {
        fail(n.name() + " sees DC " + n.ctl.dc() + ", not " + dc.name());
      }
      if (!n.ctl.joined()) {
        fail(n.name() + " never joined");
      }
    }
    String graph = sim.scheduler.compute(dc.cib.copy());
    try {
      if (!GraphParser.parse(graph).isEmpty()) {
        fail("the cluster did not settle; the scheduler still wants:\n" + graph);
      }
    } catch (GraphFormatException e) {
      fail("bad graph: " + e.getMessage());
    }
    for (String r : sim.resources) {
      int active = 0;
      boolean bannedEverywhere = true;
      for (SimCluster.SimNode n : sim.nodes.values()) {
        active += n.exec.running.contains(r) ? 1 : 0;
        bannedEverywhere &= sim.scheduler.banned(dc.cib, n.name(), r);
      }
      if (active != 1 && !bannedEverywhere) {
        fail(r + " runs on " + active + " nodes at the end; the DC's CIB:\n" + describe(dc.cib, r));
      }
    }
  }

  static String describe(SimCib cib, String r) {
    StringBuilder sb = new StringBuilder();
    cib.nodeState.forEach((n, st) -> sb.append("  ").append(n).append(' ').append(st).append('\n'));
    cib.lrm.forEach(
        (n, rs) -> {
          if (rs.containsKey(r)) {
            for (var op : rs.get(r).ops()) {
              sb.append("  ").append(n).append(' ').append(op).append('\n');
            }
          }
        });
    cib.transientAttrs.forEach(
        (n, a) -> sb.append("  ").append(n).append(' ').append(a).append('\n'));
    sb.append("  ").append(cib.cibAttrs);
    return sb.toString();
  }

  private void fail(String what) {
    throw new SimulationFailure(sim.seed, sim.now - SimCluster.BASE, what, sim.traceTail());
  }

  static final class SimulationFailure extends AssertionError {
    SimulationFailure(long seed, long at, String what, String trace) {
      super(
          "seed "
              + seed
              + " failed at "
              + at
              + "ms: "
              + what
              + "\nreplay with -Dseed="
              + seed
              + "\nlast events:\n"
              + trace);
    }
  }
}
