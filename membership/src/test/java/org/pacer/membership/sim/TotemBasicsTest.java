package org.pacer.membership.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pacer.membership.totem.TotemEffect;
import org.pacer.membership.totem.TotemTimeouts;

/** Small fault-free and single-fault histories whose outcome is known exactly. */
class TotemBasicsTest {

  static TotemTimeouts timeouts(long token) {
    return new TotemTimeouts(
        token, token * 6 / 5, 50, 180, 50, token / 8, token / 2, 17, 50, 1340, 2500);
  }

  @Test
  void threeNodesFormOneRingAndDeliverInOneOrder() {
    TotemSim sim = new TotemSim(42, 3, 1, timeouts(1000));
    List<List<String>> delivered = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      delivered.add(new ArrayList<>());
    }
    sim.observer =
        (node, ne, now) -> {
          if (!(ne instanceof org.pacer.membership.node.NodeEffect.Totem t)) {
            return;
          }
          TotemEffect e = t.effect();
          if (e instanceof TotemEffect.Deliver d) {
            delivered.get(node - 1).add(new String(d.payload()));
          }
          if (e instanceof TotemEffect.ConfigChange c) {
            System.out.println(now + " node " + node + " " + c);
          }
        };
    for (int n = 1; n <= 3; n++) {
      int nd = n;
      sim.at(0, () -> sim.start(nd));
    }
    sim.runUntil(2000, () -> {});
    for (int n = 1; n <= 3; n++) {
      System.out.println(sim.status(n));
    }
    assertTrue(sim.converged(), "one ring of 3");
    for (int i = 0; i < 30; i++) {
      int node = 1 + i % 3;
      String msg = "m" + i;
      sim.at(2000 + i * 3, () -> sim.submit(node, msg.getBytes()));
    }
    byte[] big = new byte[3 * 1024 * 1024];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) i;
    }
    sim.at(2100, () -> sim.submit(2, big));
    sim.runUntil(6000, () -> {});
    assertEquals(31, delivered.get(0).size());
    assertEquals(delivered.get(0), delivered.get(1));
    assertEquals(delivered.get(0), delivered.get(2));
  }

  @Test
  void losingOneOfTwoLinksChangesNoMembershipAndIsReported() {
    TotemSim sim = new TotemSim(7, 3, 2, timeouts(1000));
    List<String> changes = new ArrayList<>();
    sim.observer =
        (node, ne, now) -> {
          if (ne instanceof org.pacer.membership.node.NodeEffect.Totem t
              && t.effect() instanceof TotemEffect.ConfigChange c) {
            changes.add(now + " " + node + " " + c);
          }
        };
    for (int n = 1; n <= 3; n++) {
      int nd = n;
      sim.at(0, () -> sim.start(nd));
    }
    sim.runUntil(2000, () -> {});
    assertTrue(sim.converged());
    int before = changes.size();
    var ring = sim.status(1).ring();
    sim.net.cut[1][0] = true; // node 2 loses link 0
    for (int i = 0; i < 100; i++) {
      int node = 1 + i % 3;
      sim.at(2000 + i * 20, () -> sim.submit(node, ("x" + node).getBytes()));
    }
    sim.runUntil(8000, () -> {});
    assertEquals(
        before,
        changes.size(),
        "no configuration change: " + changes.subList(before, changes.size()));
    assertEquals(ring, sim.status(1).ring());
    var links = sim.status(1).links();
    assertTrue(
        links.contains(new org.pacer.membership.totem.TotemStatus.Link(2, 0, false)),
        links.toString());
    assertTrue(
        links.contains(new org.pacer.membership.totem.TotemStatus.Link(2, 1, true)),
        links.toString());
    assertTrue(
        links.contains(new org.pacer.membership.totem.TotemStatus.Link(3, 0, true)),
        links.toString());
  }

  @Test
  void aGracefulLeaveReformsWithoutWaitingForTheToken() {
    TotemSim sim = new TotemSim(9, 3, 1, timeouts(3000));
    List<Long> regular = new ArrayList<>();
    sim.observer =
        (node, ne, now) -> {
          if (node == 1
              && ne instanceof org.pacer.membership.node.NodeEffect.Totem t
              && t.effect() instanceof TotemEffect.ConfigChange c
              && !c.transitional()) {
            regular.add(now);
          }
        };
    for (int n = 1; n <= 3; n++) {
      int nd = n;
      sim.at(0, () -> sim.start(nd));
    }
    sim.runUntil(2000, () -> {});
    assertTrue(sim.converged());
    sim.at(3000, () -> sim.leave(3));
    sim.runUntil(6000, () -> {});
    assertEquals(List.of(1, 2), sim.status(1).members());
    long reformed = regular.get(regular.size() - 1) - 3000;
    assertTrue(reformed < 3000, "reformed " + reformed + " ms after the leave");
  }
}
