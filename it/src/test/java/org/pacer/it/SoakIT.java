package org.pacer.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.pacer.it.check.InvariantChecker;
import org.pacer.it.cts.CtsScenarios;
import org.pacer.it.harness.ClusterConfig;
import org.pacer.it.harness.Privileges;
import org.pacer.it.harness.TestCluster;
import org.pacer.it.harness.TestNode;
import org.pacer.it.nemesis.Fault;
import org.pacer.it.nemesis.Nemesis;

/**
 * The nemesis soak: random faults (kill -9 of a daemon or a node, a paused node, a graceful
 * restart, a resource failing under its monitor, and in namespaces an isolated node or a lossy
 * link) on a cluster running a primitive, a group, a clone and a promotable clone (the clones left
 * out with {@code -Dit.clones=false}: see {@link CtsScenarios#withClones}), with the invariant
 * checker judging the whole run. {@code -Dsoak.nodes=N} sets the cluster size (3 by default),
 * {@code -Dsoak.minutes=N} the length (2 by default; the {@code soak} profile runs only this test),
 * {@code -Dsoak.seed=S} replays a schedule. A failure prints the seed and every fault injected.
 */
class SoakIT {

  static final Duration BOUND = Duration.ofSeconds(150);

  @Test
  void noInvariantViolationUnderRandomFaults() throws Exception {
    double minutes = Double.parseDouble(System.getProperty("soak.minutes", "2"));
    String seedProperty = System.getProperty("soak.seed", "");
    long seed =
        seedProperty.isBlank() ? new SecureRandom().nextLong() : Long.parseLong(seedProperty);
    int nodes = Integer.getInteger("soak.nodes", 3);
    if (nodes < 3 || nodes > 9) {
      throw new IllegalArgumentException("soak.nodes must be 3..9, not " + nodes);
    }
    boolean ns = Privileges.namespaces();
    try (TestCluster cluster =
            TestCluster.builder(ns ? "soakns" : "soak")
                .nodes(nodes)
                .namespaces(ns)
                .firstLoopback(61)
                .build();
        InvariantChecker<TestNode> checker =
            new InvariantChecker<>(cluster, CtsScenarios.expected())) {
      Path log = cluster.agentLogDir();
      Map<String, Path> failFiles = new TreeMap<>();
      failFiles.put("p1", cluster.dir().resolve("fail-p1"));
      failFiles.put("g1b", cluster.dir().resolve("fail-g1b"));
      if (CtsScenarios.withClones()) {
        failFiles.put("sp", cluster.dir().resolve("fail-sp"));
      }
      List<Fault.Kind> kinds = new ArrayList<>(List.of(Fault.Kind.values()));
      if (!ns) {
        kinds.remove(Fault.Kind.PARTITION);
        kinds.remove(Fault.Kind.LOSSY_LINK);
      }
      Nemesis nemesis = new Nemesis(cluster, checker, seed, kinds, failFiles, BOUND);
      boolean passed = false;
      try {
        cluster.start();
        cluster.configureFencing(Map.of("stonith-timeout", "30s"));
        List<String> resources =
            new ArrayList<>(
                List.of(
                    ClusterConfig.logged("p1", log, 3, false, failFiles.get("p1")),
                    ClusterConfig.group(
                        "g1",
                        ClusterConfig.logged("g1a", log, 5, false, null),
                        ClusterConfig.logged("g1b", log, 5, false, failFiles.get("g1b")))));
        if (CtsScenarios.withClones()) {
          resources.add(ClusterConfig.clone("c1", ClusterConfig.logged("cp", log, 5, false, null)));
          resources.add(
              ClusterConfig.promotable(
                  "s1", ClusterConfig.logged("sp", log, 5, true, failFiles.get("sp")), 1));
        }
        cluster.configure(Map.of(), resources.toArray(String[]::new));
        assertTrue(
            checker.awaitConvergence(BOUND, Duration.ofSeconds(3)) >= 0,
            "the cluster never converged before any fault: " + checker.violations());
        nemesis.run(Duration.ofMillis((long) (minutes * 60_000)));
        String report = nemesis.report();
        System.out.println(report);
        Files.writeString(
            Path.of("target", "soak-report.txt"),
            String.format("%.1f min, %d nodes, namespaces=%s%n%s%n", minutes, nodes, ns, report),
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
        assertTrue(nemesis.problems().isEmpty(), report);
        assertTrue(checker.violations().isEmpty(), checker.violations() + "\n" + report);
        passed = true;
      } catch (Exception | AssertionError e) {
        throw new AssertionError("soak failed: " + e.getMessage() + "\n" + nemesis.report(), e);
      } finally {
        if (!passed) {
          cluster.keepLogs();
        }
      }
    }
  }
}
