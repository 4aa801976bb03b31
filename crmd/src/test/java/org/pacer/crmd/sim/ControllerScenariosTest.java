package org.pacer.crmd.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pacer.crmd.message.CrmdMessage;

/**
 * The scenarios, on the simulated cluster with no random faults: each test injects one
 * fault and checks the outcome (the invariants run after every event as in the random runs).
 */
class ControllerScenariosTest {

  private static SimCluster cluster(int nodes, int resources) {
    SimCluster sim = new SimCluster(1, new Random(1), nodes, resources, "stop", 0, 0);
    for (SimCluster.SimNode n : sim.nodes.values()) {
      sim.at(0, () -> sim.startDaemons(n));
    }
    return sim;
  }

  private static String theDc(SimCluster sim) {
    String dc = null;
    for (SimCluster.SimNode n : sim.nodes.values()) {
      if (n.ctl != null && n.ctl.isDc()) {
        assertNull(dc, "one DC");
        dc = n.name();
      }
    }
    return dc;
  }

  @Test
  void threeNodesElectOneDcJoinAllAndPlaceEveryResourceOnce() {
    SimCluster sim = cluster(3, 4);
    long joinedAt = -1;
    for (int t = 1; t <= 1000 && joinedAt < 0; t++) {
      sim.runUntil(t);
      boolean all = sim.nodes.values().stream().allMatch(n -> n.ctl != null && n.ctl.joined());
      if (all) {
        joinedAt = t;
      }
    }
    assertTrue(joinedAt > 0, "all three joined");
    // In virtual time, with 0-3 ms message delays: a few round trips, no dead time.
    assertTrue(joinedAt < 100, "joined after " + joinedAt + " virtual ms");
    sim.runUntil(3000);
    String dc = theDc(sim);
    for (String n : sim.names) {
      assertEquals(dc, sim.dcSeenBy(n));
    }
    for (String r : sim.resources) {
      assertEquals(1, sim.runningOn(r).size(), r + " runs once");
    }
  }

  @Test
  void killingEveryDaemonOnANodeFencesItAndMovesItsResources() {
    SimCluster sim = cluster(3, 3);
    sim.runUntil(3000);
    String victim = sim.runningOn("rsc1").get(0);
    sim.killDaemons(sim.node(victim), "kill -9 of every daemon");
    assertEquals(List.of(victim), sim.runningOn("rsc1"), "the agent still runs there");
    sim.runUntil(3200);
    assertTrue(!sim.node(victim).power || sim.node(victim).daemons, victim + " was fenced");
    List<String> now = sim.runningOn("rsc1");
    assertEquals(1, now.size());
    assertNotEquals(victim, now.get(0));
  }

  /**
   * crm node fence from a node that is not the DC: the DC learns the result from the fencer and
   * records the node down, so its leaving is clean and it is fenced once, not again by the DC.
   */
  @Test
  void aNodeFencedByTheOperatorIsNotFencedAgainByTheDc() {
    SimCluster sim = cluster(3, 3);
    sim.runUntil(3000);
    String dc = theDc(sim);
    String victim = sim.runningOn("rsc1").get(0);
    String origin =
        sim.names.stream().filter(n -> !n.equals(dc) && !n.equals(victim)).findFirst().orElse(dc);
    sim.operatorFence(sim.node(origin), victim);
    sim.runUntil(8000);
    assertEquals(1, sim.node(victim).fenced, victim + " fenced once, by the operator");
    assertTrue(sim.node(victim).daemons, victim + " is back");
    for (String r : sim.resources) {
      assertEquals(1, sim.runningOn(r).size(), r + " runs once");
    }
  }

  @Test
  void losingTheDcElectsAnotherWhichRecomputesWithoutDuplicates() {
    SimCluster sim = cluster(3, 3);
    sim.runUntil(3000);
    String dc = theDc(sim);
    sim.killDaemons(sim.node(dc), "DC's controller killed");
    sim.runUntil(3010);
    String next = theDc(sim);
    assertTrue(next != null && !next.equals(dc), "a new DC: " + next);
    sim.runUntil(6000);
    for (String r : sim.resources) {
      assertEquals(1, sim.runningOn(r).size(), r + " runs once");
    }
  }

  @Test
  void aPartitionedMinorityStopsAndTheMajorityFencesItAndTakesOver() {
    SimCluster sim = cluster(3, 3);
    sim.runUntil(3000);
    String lonely = sim.runningOn("rsc1").get(0);
    sim.partition(Set.of(lonely));
    sim.runUntil(3500);
    assertEquals(1, sim.runningOn("rsc1").size());
    assertNotEquals(lonely, sim.runningOn("rsc1").get(0));
    sim.heal();
    sim.runUntil(8000);
    String dc = theDc(sim);
    for (String n : sim.names) {
      assertEquals(dc, sim.dcSeenBy(n), n + " sees the one DC");
    }
    for (String r : sim.resources) {
      assertEquals(1, sim.runningOn(r).size());
    }
  }

  @Test
  void aFailedMonitorRecoversInPlaceAndPastTheThresholdMoves() {
    SimCluster sim = cluster(3, 1);
    sim.runUntil(3000);
    String home = sim.runningOn("rsc1").get(0);
    for (int i = 1; i < FakeScheduler.MIGRATION_THRESHOLD; i++) {
      sim.node(home).exec.running.remove("rsc1");
      sim.runUntil(3000 + i * 11_000);
      assertEquals(List.of(home), sim.runningOn("rsc1"), "recovered in place, failure " + i);
      String dc = theDc(sim);
      assertEquals(
          Integer.toString(i),
          sim.node(dc).cib.transientAttrs.get(home).get("fail-count-rsc1#monitor_10000"));
    }
    sim.node(home).exec.running.remove("rsc1");
    sim.runUntil(3000 + FakeScheduler.MIGRATION_THRESHOLD * 11_000);
    assertEquals(1, sim.runningOn("rsc1").size());
    assertNotEquals(home, sim.runningOn("rsc1").get(0), "moved past migration-threshold");
  }

  @Test
  void aGracefulShutdownMovesResourcesAwayAndIsNotFenced() {
    SimCluster sim = cluster(3, 2);
    sim.runUntil(3000);
    String leaving = sim.runningOn("rsc1").get(0);
    sim.requestShutdown(leaving);
    sim.runUntil(3100);
    assertEquals(1, sim.node(leaving).cleanExits, leaving + " was told to go");
    for (String r : sim.resources) {
      List<String> on = sim.runningOn(r);
      assertEquals(1, on.size(), r + " runs once");
      assertNotEquals(leaving, on.get(0));
    }
    sim.runUntil(8000);
    assertEquals(0, sim.node(leaving).fenced, leaving + " was never fenced");
  }

  /**
   * The DC stops gracefully: what runs there moves, the DC hands its role over before its node
   * leaves (another node is DC and has joined the others while the old one is still in the group),
   * and when it does leave, the new DC stays: no second election.
   */
  @Test
  void aStoppingDcHandsItsRoleOverBeforeItLeaves() {
    SimCluster sim = cluster(3, 3);
    sim.runUntil(3000);
    String dc = theDc(sim);
    sim.runUntil(4000);
    List<String> survivors = sim.names.stream().filter(n -> !n.equals(dc)).toList();
    java.util.Map<String, Integer> lossesBefore = new java.util.HashMap<>();
    survivors.forEach(n -> lossesBefore.put(n, sim.node(n).dcLosses));
    sim.requestShutdown(dc);
    long t = 4000;
    while (sim.node(dc).cleanExits == 0 && t < 5000) {
      sim.runUntil(++t);
    }
    assertEquals(1, sim.node(dc).cleanExits, dc + " was told to go");
    sim.runUntil(t + 15);
    assertTrue(sim.node(dc).daemons, dc + " is still in the group");
    String next = theDc(sim);
    assertTrue(next != null && !next.equals(dc), "a new DC before the old one left: " + next);
    for (String n : survivors) {
      assertEquals(next, sim.dcSeenBy(n));
      assertTrue(sim.node(n).ctl.joined(), n + " joined " + next);
    }
    sim.runUntil(t + 400);
    assertTrue(!sim.node(dc).daemons || sim.node(dc).ctl.dc() != null, "the old DC left");
    for (String n : survivors) {
      assertEquals(next, sim.dcSeenBy(n), n);
      assertEquals(
          lossesBefore.get(n) + 1,
          sim.node(n).dcLosses,
          n + " lost its DC once (the hand-over), not again when the old DC left");
    }
    sim.runUntil(8000);
    assertEquals(0, sim.node(dc).fenced, dc + " was never fenced");
    for (String r : sim.resources) {
      assertEquals(1, sim.runningOn(r).size(), r + " runs once");
    }
  }

  @Test
  void cleanupClearsFailCountsAndTheResourceIsProbedAgain() {
    SimCluster sim = cluster(3, 1);
    sim.runUntil(3000);
    String home = sim.runningOn("rsc1").get(0);
    sim.node(home).exec.running.remove("rsc1");
    sim.runUntil(14_000);
    String dc = theDc(sim);
    assertEquals(
        "1", sim.node(dc).cib.transientAttrs.get(home).get("fail-count-rsc1#monitor_10000"));
    sim.handle(sim.node(home), new org.pacer.crmd.controller.Input.Cleanup(home, "rsc1"));
    sim.runUntil(15_000);
    assertNull(sim.node(dc).cib.transientAttrs.get(home).get("fail-count-rsc1#monitor_10000"));
    assertEquals(List.of(home), sim.runningOn("rsc1"), "found by the probe, left where it runs");
  }

  @Test
  void attributesAreReplicatedAndWrittenOnceDampeningIsOver() {
    SimCluster sim = cluster(3, 1);
    sim.runUntil(3000);
    sim.setAttribute(
        "node2", new CrmdMessage.AttrUpdate("node2", "pingd", "100", 2000L, null, false));
    sim.runUntil(3100);
    sim.setAttribute(
        "node2", new CrmdMessage.AttrUpdate("node2", "pingd", "200", null, null, false));
    sim.runUntil(3200);
    for (String n : sim.names) {
      assertEquals(
          "200", sim.node(n).ctl.attributeStore().value("node2", "pingd"), "replica on " + n);
    }
    String dc = theDc(sim);
    assertNull(
        sim.node(dc).cib.transientAttrs.getOrDefault("node2", java.util.Map.of()).get("pingd"));
    sim.runUntil(5200);
    assertEquals("200", sim.node(dc).cib.transientAttrs.get("node2").get("pingd"));
  }
}
