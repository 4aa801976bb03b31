package org.pacer.membership.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.pacer.membership.node.NodeEffect;
import org.pacer.membership.totem.RingId;
import org.pacer.membership.totem.TotemEffect;
import org.pacer.membership.totem.TotemPacket;

/**
 * Authentic packets replayed from a ring that is over must not disturb the ring that replaced it.
 * The replays arrive right after the new ring is installed, before its members' heartbeats name it:
 * the moment at which only the installation itself tells a node how far its peers have got.
 */
class ReplayedPacketsTest {

  private static final List<String> KINDS = List.of("Mcast", "Token", "Join", "Heartbeat", "Leave");

  @Test
  void replaysOfAnOldRingChangeNothingRightAfterANewRingIsInstalled() {
    for (String kind : KINDS) {
      TotemSim sim = new TotemSim(5, 3, 1, TotemBasicsTest.timeouts(10_000));
      List<String> changes = new ArrayList<>();
      RingId[] formed = new RingId[1];
      sim.observer =
          (node, ne, now) -> {
            if (ne instanceof NodeEffect.Totem t
                && t.effect() instanceof TotemEffect.ConfigChange c
                && !c.transitional()) {
              changes.add(now + " node " + node + " " + c.ring() + " " + c.members());
              if (node == 2 && c.members().size() == 3 && formed[0] == null) {
                formed[0] = c.ring();
                // node 1 (a member) is replayed to nodes 2 and 3 from here on
                replayFrom(sim, kind, c.ring());
              }
            }
          };
      for (int n = 1; n <= 3; n++) {
        int nd = n;
        sim.at(0, () -> sim.start(nd));
      }
      sim.runUntil(8000, () -> {});
      assertTrue(formed[0] != null, kind + ": no ring of 3 formed: " + changes);
      int before = (int) changes.stream().filter(c -> c.contains(" " + formed[0] + " ")).count();
      assertEquals(3, before, kind + ": " + changes);
      for (int n = 1; n <= 3; n++) {
        assertEquals("operational", sim.status(n).state(), kind + " node " + n);
        assertEquals(formed[0], sim.status(n).ring(), kind + " node " + n + ": " + changes);
      }
      assertTrue(
          sim.nodes[1].ringStatus().counters().get("stale_packets") >= 50,
          kind + ": " + sim.nodes[1].ringStatus().counters());
    }
  }

  @Test
  void aTokenReplayedToAnotherMemberStartsNoSecondToken() {
    TotemSim sim = new TotemSim(3, 3, 1, TotemBasicsTest.timeouts(1000));
    int[] tokensFrom1 = new int[1];
    int[] answered = new int[] {-1};
    List<List<String>> delivered = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    sim.observer =
        (node, ne, now) -> {
          if (!(ne instanceof NodeEffect.Totem t)) {
            return;
          }
          if (t.effect() instanceof TotemEffect.Send s
              && s.packet() instanceof TotemPacket.Token tok) {
            if (node == 1) {
              tokensFrom1[0]++;
            } else if (node == 2 && now >= 2050 && answered[0] < 0) {
              // Node 2 passes the token to node 3; a copy reaches node 1, which is still waiting
              // for this rotation's token and so has not seen one this new.
              answered[0] = 0;
              sim.at(
                  now,
                  () -> {
                    int before = tokensFrom1[0];
                    sim.inject(1, 0, tok);
                    answered[0] = tokensFrom1[0] - before;
                  });
            }
          }
          if (t.effect() instanceof TotemEffect.Deliver d) {
            delivered.get(node - 1).add(new String(d.payload()));
          }
        };
    for (int n = 1; n <= 3; n++) {
      int nd = n;
      sim.at(0, () -> sim.start(nd));
    }
    sim.runUntil(2000, () -> {});
    assertTrue(sim.converged());
    RingId ring = sim.status(1).ring();
    for (int i = 0; i < 200; i++) {
      String m = "m" + i;
      int node = 1 + i % 2;
      sim.at(2000 + i / 2, () -> sim.submit(node, m.getBytes()));
    }
    sim.runUntil(4000, () -> {});
    assertEquals(0, answered[0], "node 1 passed on a replayed token: a second token");
    assertEquals(ring, sim.status(1).ring());
    assertEquals(200, delivered.get(0).size(), delivered.toString());
    assertEquals(delivered.get(0), delivered.get(1));
    assertEquals(delivered.get(0), delivered.get(2));
  }

  private static void replayFrom(TotemSim sim, String kind, RingId current) {
    RingId old = new RingId(current.seq() - 4, 1);
    TotemPacket p =
        switch (kind) {
          case "Mcast" ->
              new TotemPacket.Mcast(
                  1, old, 3, new TotemPacket.Message(old, 3, 1, new byte[] {1, 2, 3}));
          case "Token" -> new TotemPacket.Token(1, old, 99, 5, 5, 0, List.of(), 0, 0, false);
          case "Join" -> new TotemPacket.Join(1, new TreeSet<>(List.of(1)), new TreeSet<>(), 1);
          case "Heartbeat" -> new TotemPacket.Heartbeat(1, old);
          default -> new TotemPacket.Leave(1, old.seq());
        };
    for (int i = 0; i < 50; i++) {
      sim.at(
          sim.now + 1 + i * 5L,
          () -> {
            sim.inject(2, 0, p);
            sim.inject(3, 0, p);
          });
    }
  }
}
