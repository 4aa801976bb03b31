package org.pacer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pacer.it.check.Expected;
import org.pacer.it.check.InvariantChecker;
import org.pacer.it.harness.ClusterConfig;
import org.pacer.it.harness.TestCluster;
import org.pacer.it.harness.TestNode;

/**
 * A node that stops answering (SIGSTOP: a hung machine) while it runs a resource is fenced before
 * the resource starts elsewhere, and the invariant checker agrees; with the deliberately broken
 * build (crmd reports fencing done without doing it) the same fault makes the checker fail, proving
 * it can.
 */
class FencingIT {

  static final Duration CONVERGE = Duration.ofSeconds(150);
  static final Duration STABLE = Duration.ofSeconds(3);

  /** Starts the cluster with fencing and one Logged primitive; returns the node running it. */
  static TestNode startWithOnePrimitive(TestCluster cluster, InvariantChecker<TestNode> checker)
      throws Exception {
    cluster.start();
    cluster.configureFencing(Map.of("stonith-timeout", "30s"));
    cluster.configure(Map.of(), ClusterConfig.logged("p1", cluster.agentLogDir(), 3, false, null));
    assertTrue(checker.awaitConvergence(CONVERGE, STABLE) >= 0, checker.violations().toString());
    Set<String> on = checker.activity().activeNow("p1");
    assertEquals(1, on.size(), "p1 runs once: " + on);
    return cluster.nodes().stream().filter(n -> on.contains(n.name())).findFirst().orElseThrow();
  }

  @Test
  void aHungNodeIsFencedBeforeItsResourceMoves() throws Exception {
    boolean passed = false;
    try (TestCluster cluster = TestCluster.builder("fence").nodes(3).firstLoopback(31).build();
        InvariantChecker<TestNode> checker =
            new InvariantChecker<>(cluster, List.of(new Expected.Primitive("p1")))) {
      try {
        TestNode victim = startWithOnePrimitive(cluster, checker);
        victim.pause();
        cluster.await(
            victim + " fenced",
            CONVERGE,
            () -> checker.fencedDown().stream().anyMatch(d -> d.node().equals(victim.name())));
        assertTrue(victim.processes().isEmpty(), "the fence agent killed " + victim);
        assertTrue(
            checker.awaitConvergence(CONVERGE, STABLE) >= 0, checker.violations().toString());
        assertFalse(checker.activity().activeNow("p1").contains(victim.name()));

        victim.start();
        assertTrue(
            checker.awaitConvergence(CONVERGE, STABLE) >= 0, checker.violations().toString());
        assertEquals(List.of(), checker.violations());
        passed = true;
      } finally {
        if (!passed) {
          cluster.keepLogs();
        }
      }
    }
  }
}
