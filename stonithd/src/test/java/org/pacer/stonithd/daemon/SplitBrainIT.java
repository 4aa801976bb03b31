package org.pacer.stonithd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.stonithd.api.StonithClient;
import org.pacer.stonithd.api.StonithProtocol.FenceReply;

/**
 * A two-node cluster split in two: each half asks to fence the other at the same moment with the
 * kill agent, which really kills the other daemon. With the controller's priority delay on one side
 * exactly one node survives every run; with pcmk_delay_max alone the outcome is counted. {@code
 * -Dstonithd.split.runs=N} sets the runs per variant (default 4).
 */
class SplitBrainIT {

  static final int RUNS = Integer.getInteger("stonithd.split.runs", 4);

  @TempDir Path dir;

  /** One split; returns how many of the two daemons are alive afterwards. */
  int split(Path runDir, String deviceParams, long delayOnB) throws Exception {
    Files.createDirectories(runDir);
    try (TestCluster cluster = new TestCluster(runDir)) {
      String[] params = deviceParams.isEmpty() ? new String[0] : deviceParams.split(" ");
      String[] all = new String[params.length + 2];
      all[0] = "roots_dir";
      all[1] = runDir.toString();
      System.arraycopy(params, 0, all, 2, params.length);
      String cib =
          TestCluster.cib(
              List.of("a", "b"), TestCluster.device("killer", "fence_pacer_kill", all), "");
      cluster.writeCib("a", cib);
      cluster.writeCib("b", cib);
      cluster.start("a");
      cluster.start("b");
      StonithClient fromA = cluster.client("a");
      StonithClient fromB = cluster.client("b");
      cluster.hub.partition(List.of("a"));
      Thread.sleep(200);
      // b is the node the controller would delay: fencing a waits (a holds the important
      // resources).
      CompletableFuture<FenceReply> aFencesB =
          fromA.fence("b", "reboot", Duration.ofSeconds(30), Duration.ZERO, "split-test");
      CompletableFuture<FenceReply> bFencesA =
          fromB.fence(
              "a", "reboot", Duration.ofSeconds(30), Duration.ofMillis(delayOnB), "split-test");
      TestCluster.await(
          () -> !cluster.alive("a") || !cluster.alive("b"),
          Duration.ofSeconds(40),
          "nobody was fenced");
      CompletableFuture.anyOf(aFencesB, bFencesA).exceptionally(e -> null).get();
      // Long enough for a delayed or in-flight kill from the other side to land.
      Thread.sleep(Math.max(3_000, delayOnB + 1_000));
      return (cluster.alive("a") ? 1 : 0) + (cluster.alive("b") ? 1 : 0);
    }
  }

  @Test
  void priorityDelayLeavesExactlyOneSurvivorEveryRun() throws Exception {
    int one = 0;
    for (int i = 0; i < RUNS; i++) {
      int alive = split(dir.resolve("priority-" + i), "pcmk_delay_max 1s", 5_000);
      one += alive == 1 ? 1 : 0;
    }
    System.out.printf(
        "two-node split with priority delay: %d/%d runs exactly one survivor%n", one, RUNS);
    assertEquals(RUNS, one);
  }

  @Test
  void randomDelayAloneIsCounted() throws Exception {
    int one = 0;
    int none = 0;
    for (int i = 0; i < RUNS; i++) {
      int alive = split(dir.resolve("random-" + i), "pcmk_delay_max 6s", 0);
      one += alive == 1 ? 1 : 0;
      none += alive == 0 ? 1 : 0;
    }
    System.out.printf(
        "two-node split with pcmk_delay_max=6s only: %d/%d runs one survivor, %d both fenced%n",
        one, RUNS, none);
    assertEquals(RUNS, one + none, "a split never leaves both nodes running");
  }
}
