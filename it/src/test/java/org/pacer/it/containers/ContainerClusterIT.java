package org.pacer.it.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.pacer.it.check.Expected;
import org.pacer.it.check.InvariantChecker;
import org.pacer.it.harness.ClusterConfig;

/**
 * The CTS-style kill, pause and network-disconnect scenarios on a 3-node cluster in containers (the
 * node image built from dist/'s tarball), judged by the invariant checker from the agents' logs the
 * containers write into the shared directory. One cluster runs the scenarios in turn; each starts
 * from a converged cluster and ends converged with all three nodes up. Skipped with the reason when
 * this machine has no Docker engine, no base image or no tarball.
 */
@ExtendWith(ContainersAvailable.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerClusterIT {

  static final Duration CONVERGE = Duration.ofSeconds(150);
  static final Duration STABLE = Duration.ofSeconds(3);

  private NodeImage image;
  private ContainerCluster cluster;
  private InvariantChecker<ContainerNode> checker;
  private boolean failed;

  @BeforeAll
  void startCluster() throws Exception {
    long t0 = System.nanoTime();
    image = NodeImage.build();
    long built = System.nanoTime();
    cluster = ContainerCluster.create(image, "ct", 3);
    checker = new InvariantChecker<>(cluster, List.of(new Expected.Primitive("p1")));
    try {
      cluster.start();
      cluster.configureFencing(Map.of("stonith-timeout", "30s"));
      cluster.configure(
          Map.of(), ClusterConfig.logged("p1", cluster.agentLogDir(), 3, false, null));
      converged("the cluster forming");
      note(
          String.format(
              java.util.Locale.ROOT,
              "image %s ready in %.1f s; 3 containers started and converged in %.1f s",
              image.tag(),
              (built - t0) / 1e9,
              (System.nanoTime() - built) / 1e9));
    } catch (Exception | AssertionError e) {
      failed = true;
      throw e;
    }
  }

  /** Keeps the cluster's logs when any scenario fails (teardown reads it). */
  @RegisterExtension
  final TestWatcher watcher =
      new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
          failed = true;
        }
      };

  @AfterAll
  void removeEverything() throws Exception {
    try {
      if (checker != null) {
        List<String> violations = checker.violations();
        checker.close();
        if (!violations.isEmpty()) {
          failed = true;
        }
      }
    } finally {
      if (cluster != null) {
        if (failed) {
          cluster.keepLogs();
        }
        cluster.close();
      }
      if (image != null) {
        image.close();
      }
    }
  }

  /**
   * One scenario's figures, printed and appended to it/target/it-clusters/container-scenarios.txt
   * (docs/reliability.md): seconds from the fault to the fencing done, to the cluster converged
   * without the node, and from the boot to converged with it.
   */
  private static void report(String scenario, long fault, long fenced, long converged, long back)
      throws java.io.IOException {
    note(
        String.format(
            java.util.Locale.ROOT,
            "%s: fenced %.1f s after the fault, converged %.1f s after it; rebooted node back"
                + " in %.1f s",
            scenario,
            (fenced - fault) / 1e9,
            (converged - fault) / 1e9,
            back / 1e9));
  }

  private static void note(String text) throws java.io.IOException {
    String line = java.time.Instant.now() + " " + text + "\n";
    System.out.print(line);
    java.nio.file.Path file =
        java.nio.file.Path.of(System.getProperty("pacer.it.dir", "target/it-clusters"))
            .resolve("container-scenarios.txt");
    java.nio.file.Files.createDirectories(file.getParent());
    java.nio.file.Files.writeString(
        file,
        line,
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
  }

  private void converged(String after) throws Exception {
    boolean ok = checker.awaitConvergence(CONVERGE, STABLE) >= 0;
    if (!ok) {
      failed = true;
    }
    assertTrue(ok, "after " + after + ": " + checker.violations());
  }

  private ContainerNode running(String resource) throws Exception {
    Set<String> on = checker.activity().activeNow(resource);
    assertEquals(1, on.size(), resource + " runs once: " + on);
    return cluster.nodes().stream().filter(n -> on.contains(n.name())).findFirst().orElseThrow();
  }

  /** Waits for a fencing of {@code victim} completed at or after {@code sinceMs}. */
  private void awaitFenced(ContainerNode victim, long sinceMs) {
    try {
      cluster.await(
          victim + " fenced",
          CONVERGE,
          () ->
              checker.fencedDown().stream()
                  .anyMatch(d -> d.node().equals(victim.name()) && d.timeMs() >= sinceMs));
    } catch (AssertionError e) {
      failed = true;
      throw e;
    }
  }

  /** Boots a fenced node once its fencing is over, and waits for the cluster to take it back. */
  private long reboot(ContainerNode victim) throws Exception {
    assertTrue(
        checker.awaitFencingQuiet(victim.name(), Duration.ofSeconds(5), CONVERGE),
        "fencing of " + victim + " never went quiet");
    long boot = System.nanoTime();
    victim.start();
    converged(victim + " rebooted");
    assertEquals(List.of(), checker.safetyViolations());
    return System.nanoTime() - boot;
  }

  @Test
  @Order(1)
  void killingTheNodeRunningAResourceGetsItFencedAndTheResourceMoved() throws Exception {
    ContainerNode victim = running("p1");
    int fencedBefore = checker.fencingCount();
    long fault = System.nanoTime();
    long faultMs = System.currentTimeMillis();
    victim.powerOff();
    awaitFenced(victim, faultMs);
    long fenced = System.nanoTime();
    assertTrue(checker.fencingCount() > fencedBefore);
    converged(victim + " killed");
    long converged = System.nanoTime();
    ContainerNode now = running("p1");
    assertTrue(now != victim, "p1 moved off " + victim);
    report("kill (docker kill)", fault, fenced, converged, reboot(victim));
  }

  @Test
  @Order(2)
  void aPausedNodeIsFencedBeforeItsResourceMoves() throws Exception {
    converged("the previous scenario");
    ContainerNode victim = running("p1");
    long fault = System.nanoTime();
    long faultMs = System.currentTimeMillis();
    victim.pause();
    awaitFenced(victim, faultMs);
    long fenced = System.nanoTime();
    assertFalse(victim.containerRunning(), "the fencer killed the paused container of " + victim);
    converged(victim + " paused and fenced");
    long converged = System.nanoTime();
    assertTrue(running("p1") != victim, "p1 moved off " + victim);
    report("pause (docker pause)", fault, fenced, converged, reboot(victim));
  }

  @Test
  @Order(3)
  void aDisconnectedNodeIsFencedByTheMajorityAndTheHealedClusterHasOneDcAndOneCib()
      throws Exception {
    converged("the previous scenario");
    ContainerNode victim = running("p1");
    long fault = System.nanoTime();
    long faultMs = System.currentTimeMillis();
    victim.disconnect();
    awaitFenced(victim, faultMs);
    long fenced = System.nanoTime();
    converged(victim + " cut off and fenced");
    long converged = System.nanoTime();
    ContainerNode now = running("p1");
    assertTrue(now != victim, "p1 moved off " + victim + " to the majority");
    victim.reconnect();
    report("disconnect (docker network disconnect)", fault, fenced, converged, reboot(victim));
    // Healed: one DC that every node joined and one CIB (what converged() checked), shown here.
    String dc = cluster.dc().orElseThrow().name();
    for (ContainerNode n : cluster.nodes()) {
      assertEquals(dc, n.crmdStatus().orElseThrow().path("dc").asText(), n + "'s DC");
    }
    assertEquals(Optional.empty(), checker.cibDifference(cluster.nodes()));
    assertEquals(List.of(), checker.violations());
  }
}
