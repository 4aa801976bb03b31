package org.pacer.cib.replication;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The invariants {@link GroupSimulator} checks as a run goes and at its end. */
final class SimulationChecks {
  private SimulationChecks() {}

  /** The rule, implemented independently of SyncDecision, against the states at round start. */
  static void checkRule(GroupSimulator sim, GroupSimulator.SimNode node, SyncDecision d) {
    Map<String, GroupSimulator.Offered> start = node.roundStart;
    if (!start.keySet().equals(d.offers().keySet())) {
      return; // A resync round whose start the simulator saw at another point; checked below.
    }
    String best = null;
    for (String m : new java.util.TreeSet<>(start.keySet())) {
      GroupSimulator.Offered o = start.get(m);
      if (best == null) {
        best = m;
        continue;
      }
      GroupSimulator.Offered b = start.get(best);
      int byVersion = o.version().compareTo(b.version());
      if (byVersion > 0 || (byVersion == 0 && o.live() && !b.live())) {
        best = m;
      }
    }
    if (!best.equals(d.winner())) {
      sim.fail(
          node.name + " chose " + d.winner() + " but the rule picks " + best + " from " + start);
    }
    if (!node.replica.cib().digest().equals(start.get(best).digest())) {
      sim.fail(
          node.name
              + " ended round "
              + d.round()
              + " with a copy different from winner "
              + best
              + "'s");
    }
    sim.log(node.name + " synced: " + d.describe());
  }

  /** A component with nothing in flight and no round running has one CIB. */
  static void checkQuiescentComponents(GroupSimulator sim) {
    for (GroupSimulator.Component c : sim.components) {
      if (!c.queue.isEmpty()) {
        continue;
      }
      boolean settled = c.members.stream().noneMatch(m -> sim.nodes.get(m).replica.syncing());
      if (!settled) {
        continue;
      }
      Set<String> digests = new HashSet<>();
      c.members.forEach(m -> digests.add(sim.nodes.get(m).replica.cib().digest()));
      if (digests.size() > 1 && !anyFaulty(sim, c)) {
        sim.fail("quiescent component " + c.members + " has " + digests.size() + " different CIBs");
      }
    }
  }

  static boolean anyFaulty(GroupSimulator sim, GroupSimulator.Component c) {
    return c.members.stream().anyMatch(m -> sim.nodes.get(m).faulty);
  }

  /** Every acknowledged create is present at the end unless an acknowledged delete removed it. */
  static void checkAcknowledgedWritesKept(GroupSimulator sim) {
    String xml = sim.nodes.values().iterator().next().replica.cib().toXml();
    Set<String> deleted = new HashSet<>();
    for (String label : sim.acked.values()) {
      if (label.startsWith("delete ")) {
        deleted.add(label.substring(7));
      }
    }
    for (var e : sim.acked.entrySet()) {
      String label = e.getValue();
      if (label.startsWith("create ")) {
        String id = label.substring(7);
        if (!deleted.contains(id) && !xml.contains("id=\"" + id + "\"")) {
          sim.fail("acknowledged write #" + e.getKey() + " (" + label + ") is missing at the end");
        }
      }
    }
  }
}
