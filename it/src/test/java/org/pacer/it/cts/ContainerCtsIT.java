package org.pacer.it.cts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pacer.it.check.Expected;
import org.pacer.it.check.InvariantChecker;
import org.pacer.it.containers.ContainerCluster;
import org.pacer.it.containers.ContainerNode;
import org.pacer.it.containers.ContainersAvailable;
import org.pacer.it.containers.NodeImage;
import org.pacer.it.harness.ClusterConfig;

/**
 * More CTS-style scenarios in containers ({@code -Pcts}; the default suite runs kill, pause and
 * disconnect in {@code ContainerClusterIT}): ComponentFail (kill -9 of each daemon type in turn on
 * a node that is not the DC) and a split brain with the DC alone in the minority (its network cable
 * cut), on one 3-node container cluster, judged by the invariant checker throughout.
 */
@ExtendWith(ContainersAvailable.class)
class ContainerCtsIT {

  static final Duration CONVERGE = Duration.ofSeconds(150);
  static final Duration STABLE = Duration.ofSeconds(3);
  static final Duration FENCING_QUIET = Duration.ofSeconds(6);

  @Test
  void componentFailAndSplitBrainInContainers() throws Exception {
    boolean passed = false;
    try (NodeImage image = NodeImage.build();
        ContainerCluster cluster = ContainerCluster.create(image, "cts", 3);
        InvariantChecker<ContainerNode> checker =
            new InvariantChecker<>(
                cluster, List.of(new Expected.Primitive("p1"), new Expected.Primitive("p2")))) {
      try {
        cluster.start();
        cluster.configureFencing(Map.of("stonith-timeout", "30s"));
        cluster.configure(
            Map.of(),
            ClusterConfig.logged("p1", cluster.agentLogDir(), 3, false, null),
            ClusterConfig.logged("p2", cluster.agentLogDir(), 3, false, null));
        converge(checker, "the cluster forming");

        for (String daemon : CtsScenarios.DAEMONS) {
          ContainerNode dc = cluster.dc().orElseThrow();
          ContainerNode victim =
              cluster.nodes().stream().filter(n -> n != dc).findFirst().orElseThrow();
          long t0 = System.nanoTime();
          victim.killDaemon(daemon);
          // The supervisor restarts it; the cluster may also fence the node (a controller or
          // membership layer that dies gets its node fenced): settle boots it again if so.
          settle(cluster, checker);
          converge(checker, "ComponentFail " + daemon + " on " + victim);
          System.out.printf(
              "container ComponentFail %s on %s: converged %.1f s after the kill%n",
              daemon, victim, (System.nanoTime() - t0) / 1e9);
        }

        ContainerNode dc = cluster.dc().orElseThrow();
        long t0 = System.nanoTime();
        long cutMs = System.currentTimeMillis();
        dc.disconnect();
        cluster.await(
            "the old DC " + dc + " fenced by the majority",
            CONVERGE,
            () ->
                checker.fencedDown().stream()
                    .anyMatch(d -> d.node().equals(dc.name()) && d.timeMs() >= cutMs));
        converge(checker, dc + " (the DC) cut off");
        assertTrue(cluster.dc().orElseThrow() != dc, "the majority elected a new DC");
        dc.reconnect();
        settle(cluster, checker);
        converge(checker, "the split brain healed");
        System.out.printf(
            "container SplitBrain (DC %s alone): healed and converged %.1f s after the cut%n",
            dc, (System.nanoTime() - t0) / 1e9);
        assertEquals(Optional.empty(), checker.cibDifference(cluster.nodes()));
        assertEquals(List.of(), checker.violations());
        passed = true;
      } finally {
        if (!passed) {
          cluster.keepLogs();
        }
      }
    }
  }

  private static void converge(InvariantChecker<ContainerNode> checker, String after)
      throws Exception {
    assertTrue(
        checker.awaitConvergence(CONVERGE, STABLE) >= 0,
        "after " + after + ": " + checker.violations());
  }

  /** Waits for fencing to go quiet, then boots every node whose container is off. */
  private static void settle(ContainerCluster cluster, InvariantChecker<ContainerNode> checker)
      throws Exception {
    for (int round = 1; round <= 5; round++) {
      Thread.sleep(FENCING_QUIET.toMillis());
      for (ContainerNode n : cluster.nodes()) {
        assertTrue(
            checker.awaitFencingQuiet(n.name(), FENCING_QUIET, CONVERGE),
            "fencing of " + n + " never went quiet");
      }
      List<ContainerNode> dead =
          cluster.nodes().stream().filter(n -> !n.containerRunning()).toList();
      if (dead.isEmpty()) {
        return;
      }
      cluster.onEveryNodeAtOnce(dead, ContainerNode::start);
    }
    throw new AssertionError("nodes kept dying");
  }
}
