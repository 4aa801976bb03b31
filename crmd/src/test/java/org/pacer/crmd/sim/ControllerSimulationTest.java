package org.pacer.crmd.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Seeded simulations of 3–5 controllers: staggered start, then random crashes of a node's daemons
 * (its resources keep running), power loss, network partitions and heals, and resources dying under
 * their monitors; then the faults stop and the cluster must settle. After every event: no resource
 * active on two nodes (so fencing came before recovery), at most one DC per view, and no partition
 * without quorum fences outside itself. At the end: one DC that every node has joined, and nothing
 * left to do.
 *
 * <p>{@code -Dcrmd.sim.seeds=N} sets the number of seeds (500 by default, more with {@code
 * -Psoak}); {@code -Dseed=N} replays one.
 */
class ControllerSimulationTest {

  @Test
  void seeds() {
    String one = System.getProperty("seed");
    if (one != null) {
      run(Long.parseLong(one));
      return;
    }
    int seeds = Integer.getInteger("crmd.sim.seeds", 500);
    long events = 0;
    for (long seed = 1; seed <= seeds; seed++) {
      events += run(seed);
    }
    assertTrue(events > seeds * 100L, "the simulations did work: " + events + " events");
  }

  static long run(long seed) {
    SimCluster sim = new SimCluster(seed);
    for (SimCluster.SimNode n : sim.nodes.values()) {
      sim.at(sim.between(0, 300), () -> sim.startDaemons(n));
    }
    int faults = sim.between(0, 8);
    for (int i = 0; i < faults; i++) {
      long when = sim.between(500, 5000);
      int kind = sim.rnd.nextInt(7);
      sim.at(
          when,
          () -> {
            SimCluster.SimNode n = sim.randomNode();
            switch (kind) {
              case 0 -> {
                sim.killDaemons(n, "killed");
                sim.at(sim.between(50, 1500), () -> sim.startDaemons(n));
              }
              case 1 -> {
                sim.powerOff(n, "power loss");
                sim.at(sim.between(100, 2000), () -> sim.powerOn(n));
              }
              case 2 -> {
                sim.partition();
                sim.at(sim.between(200, 3000), sim::heal);
              }
              case 3 -> sim.requestShutdown(n.name());
              case 4 -> sim.operatorFence(n, sim.randomNode().name());
              default -> sim.resourceDies();
            }
          });
    }
    sim.runUntil(6000);
    sim.heal();
    for (SimCluster.SimNode n : sim.nodes.values()) {
      sim.powerOn(n);
      sim.startDaemons(n);
    }
    sim.runUntil(40_000);
    new SimInvariants(sim).converged();
    return sim.events;
  }
}
