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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
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
    Optional<String> why = NodeImage.unavailable();
    Assumptions.assumeTrue(why.isEmpty(), () -> "container clusters skipped: " + why.get());
    image = NodeImage.build();
    cluster = ContainerCluster.create(image, "ct", 3);
    checker = new InvariantChecker<>(cluster, List.of(new Expected.Primitive("p1")));
    try {
      cluster.start();
      cluster.configureFencing(Map.of("stonith-timeout", "30s"));
      cluster.configure(
          Map.of(), ClusterConfig.logged("p1", cluster.agentLogDir(), 3, false, null));
      converged("the cluster forming");
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

  private void awaitFenced(ContainerNode victim) {
    try {
      cluster.await(
          victim + " fenced",
          CONVERGE,
          () -> checker.fencedDown().stream().anyMatch(d -> d.node().equals(victim.name())));
    } catch (AssertionError e) {
      failed = true;
      throw e;
    }
  }

  /** Boots a fenced node once its fencing is over, and waits for the cluster to take it back. */
  private void reboot(ContainerNode victim) throws Exception {
    assertTrue(
        checker.awaitFencingQuiet(victim.name(), Duration.ofSeconds(5), CONVERGE),
        "fencing of " + victim + " never went quiet");
    victim.start();
    converged(victim + " rebooted");
    assertEquals(List.of(), checker.safetyViolations());
  }

  @Test
  @Order(1)
  void killingTheNodeRunningAResourceGetsItFencedAndTheResourceMoved() throws Exception {
    ContainerNode victim = running("p1");
    int fencedBefore = checker.fencingCount();
    victim.powerOff();
    awaitFenced(victim);
    assertTrue(checker.fencingCount() > fencedBefore);
    converged(victim + " killed");
    ContainerNode now = running("p1");
    assertTrue(now != victim, "p1 moved off " + victim);
    reboot(victim);
  }

  @Test
  @Order(2)
  void aPausedNodeIsFencedBeforeItsResourceMoves() throws Exception {
    converged("the previous scenario");
    ContainerNode victim = running("p1");
    victim.pause();
    awaitFenced(victim);
    assertFalse(victim.containerRunning(), "the fencer killed the paused container of " + victim);
    converged(victim + " paused and fenced");
    assertTrue(running("p1") != victim, "p1 moved off " + victim);
    reboot(victim);
  }

  @Test
  @Order(3)
  void aDisconnectedNodeIsFencedByTheMajorityAndTheHealedClusterHasOneDcAndOneCib()
      throws Exception {
    converged("the previous scenario");
    ContainerNode victim = running("p1");
    victim.disconnect();
    awaitFenced(victim);
    converged(victim + " cut off and fenced");
    ContainerNode now = running("p1");
    assertTrue(now != victim, "p1 moved off " + victim + " to the majority");
    victim.reconnect();
    reboot(victim);
    // Healed: one DC that every node joined and one CIB (what converged() checked), shown here.
    String dc = cluster.dc().orElseThrow().name();
    for (ContainerNode n : cluster.nodes()) {
      assertEquals(dc, n.crmdStatus().orElseThrow().path("dc").asText(), n + "'s DC");
    }
    assertEquals(Optional.empty(), checker.cibDifference(cluster.nodes()));
    assertEquals(List.of(), checker.violations());
  }
}
