package org.pacer.stonithd.coordination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pacer.cib.document.CibDocument;
import org.pacer.stonithd.config.CibFencingReader;
import org.pacer.stonithd.config.FencingConfig;

/**
 * The two halves of a split two-node cluster each ask to fence the other at the same moment. A
 * fixed delay on one side (the controller's priority-fencing-delay, or pcmk_delay_base on the
 * device that fences the preferred node) must leave exactly one survivor every time; a random delay
 * alone (pcmk_delay_max) makes a double kill unlikely, and the rate is printed.
 */
class SplitBrainSimulationTest {

  static final int SEEDS = 1000;

  private static String cib(String delayParams) {
    String dev =
        CibFencingReaderTestSupport.primitive(
                "ipmi-a", CibFencingReaderTestSupport.nv("pcmk_host_list", "a") + delayParams)
            + CibFencingReaderTestSupport.primitive(
                "ipmi-b", CibFencingReaderTestSupport.nv("pcmk_host_list", "b") + delayParams);
    return CibFencingReaderTestSupport.cib(
        "<node id=\"1\" uname=\"a\"/><node id=\"2\" uname=\"b\"/>", dev, "", "");
  }

  /** Returns how many of the two nodes are alive after both tried to fence the other. */
  private static int survivors(long seed, String delayParams, long priorityDelayForA) {
    FencingConfig config = CibFencingReader.read(CibDocument.parse(cib(delayParams), "split"));
    SimCluster.DeviceBehaviour ok = new SimCluster.DeviceBehaviour(0, 0, 50, 400);
    SimCluster sim =
        new SimCluster(
            seed,
            List.of("a", "b"),
            config,
            Map.of("ipmi-a", ok, "ipmi-b", ok),
            Map.of("ipmi-a", Set.of("a"), "ipmi-b", Set.of("b")),
            Map.of());
    sim.autoRestart = false;
    sim.startAll();
    sim.runUntil(100);
    sim.partition(Set.of("a"));
    sim.runUntil(110);
    // The controller on b asks to fence a with the priority delay (a runs the important
    // resources, so fencing a waits); a asks to fence b without one.
    sim.request("b", "from-b", "a", "reboot", 60_000, priorityDelayForA);
    sim.request("a", "from-a", "b", "reboot", 60_000, 0);
    sim.runUntil(120_000);
    return (sim.alive("a") ? 1 : 0) + (sim.alive("b") ? 1 : 0);
  }

  @Test
  void priorityFencingDelayLeavesExactlyOneSurvivor() {
    for (long seed = 1; seed <= SEEDS; seed++) {
      assertEquals(
          1, survivors(seed, "", 5_000), "seed " + seed + " (replay: survivors(" + seed + "))");
    }
  }

  @Test
  void staticDelayOnOneDeviceLeavesExactlyOneSurvivor() {
    String base = CibFencingReaderTestSupport.nv("pcmk_delay_base", "a:5s;b:0s");
    for (long seed = 1; seed <= SEEDS; seed++) {
      assertEquals(1, survivors(seed, base, 0), "seed " + seed);
    }
  }

  @Test
  void randomDelayMakesDoubleKillsRare() {
    String max = CibFencingReaderTestSupport.nv("pcmk_delay_max", "15s");
    int one = 0;
    int none = 0;
    for (long seed = 1; seed <= SEEDS; seed++) {
      int alive = survivors(seed, max, 0);
      if (alive == 1) {
        one++;
      } else if (alive == 0) {
        none++;
      }
    }
    System.out.printf(
        "two-node split, pcmk_delay_max=15s on both devices: %d/%d runs one survivor, %d both fenced%n",
        one, SEEDS, none);
    assertEquals(SEEDS, one + none, "a split never leaves both nodes running");
    assertTrue(
        one >= SEEDS * 9 / 10, "random delays alone leave one survivor in most runs: " + one);
  }
}
