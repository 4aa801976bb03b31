package org.pacer.membership.sim;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;

/**
 * Runs the totem ring through many seeded histories of loss, duplication, reordering, partitions,
 * merges, crashes, restarts and graceful leaves, checking agreed order, virtual synchrony, no
 * duplicates, nothing lost and convergence after the heal. {@code -Dsim.seeds=N} sets how many
 * seeds (the {@code sim-long} profile raises it); {@code -Dseed=N} replays one seed with a trace.
 */
class TotemSimulationTest {

  @Test
  void seededHistoriesKeepEveryInvariant() {
    String one = System.getProperty("seed");
    if (one != null && !one.isBlank()) {
      runSeed(Long.parseLong(one.trim()), true);
      return;
    }
    int count = Integer.getInteger("sim.seeds", 1000);
    long first = Long.getLong("sim.firstSeed", 1);
    for (long seed = first; seed < first + count; seed++) {
      runSeed(seed, false);
    }
  }

  private static void runSeed(long seed, boolean verbose) {
    Scenario sc = new Scenario(seed);
    TotemRun run = new TotemRun(sc, verbose);
    try {
      run.run();
    } catch (AssertionError | RuntimeException e) {
      System.err.println(run.recentTrace());
      fail(
          "simulation failed: "
              + sc
              + "\n  replay: mvn -pl membership test -Dtest=TotemSimulationTest -Dseed="
              + seed
              + "\n  "
              + e,
          e);
    }
  }
}
