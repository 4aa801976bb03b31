package org.pacer.cib.replication;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ordering and sync state machine under a simulated total-order group. Each seed is one random
 * history; a failure prints the seed, and {@code -Dseed=N} replays only that one. {@code
 * -Dcib.sim.seeds=N} runs N of each kind: the default build runs 500 (the bar), {@code
 * -Psoak} 2000.
 */
class ReplicationSimulationTest {
  static final int STEPS = 200;

  static List<Long> seeds(long salt) {
    String one = System.getProperty("seed");
    if (one != null && !one.isBlank()) {
      return List.of(Long.parseLong(one.trim()));
    }
    int n = Integer.getInteger("cib.sim.seeds", 500);
    List<Long> out = new ArrayList<>(n);
    for (long s = 0; s < n; s++) {
      out.add(salt + s);
    }
    return out;
  }

  @Test
  void withoutPartitionsEveryAcknowledgedWriteSurvivesAndCopiesAgree() {
    long rounds = 0;
    for (long seed : seeds(0)) {
      GroupSimulator sim = new GroupSimulator(seed, 3, false, false);
      for (int i = 0; i < STEPS; i++) {
        sim.step();
      }
      sim.healAndSettle();
      SimulationChecks.checkAcknowledgedWritesKept(sim);
      rounds += sim.rounds;
    }
    assertTrue(rounds > 0);
  }

  @Test
  void partitionsMergesAndCrashesConvergeOnTheHistoryTheRuleChooses() {
    long installs = 0;
    long drops = 0;
    for (long seed : seeds(1_000_000)) {
      GroupSimulator sim = new GroupSimulator(seed, 2 + (int) (seed % 4), true, false);
      for (int i = 0; i < STEPS; i++) {
        sim.step();
      }
      sim.healAndSettle();
      installs += sim.installs;
      drops += sim.drops;
    }
    assertTrue(installs > 0, "the runs must include real synchronisations");
    assertTrue(
        drops > 0 || seeds(0).size() < 20, "the runs must include lost messages (stalled rounds)");
  }

  @Test
  void aDivergentCopyIsDetectedByDigestAndResynchronised() {
    long resyncs = 0;
    for (long seed : seeds(2_000_000)) {
      GroupSimulator sim = new GroupSimulator(seed, 3, true, true);
      for (int i = 0; i < STEPS; i++) {
        sim.step();
      }
      sim.healAndSettle();
      resyncs += sim.resyncs;
    }
    assertTrue(resyncs > 0, "digest checks must have caught divergence");
  }
}
