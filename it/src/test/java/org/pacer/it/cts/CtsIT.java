package org.pacer.it.cts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pacer.it.harness.Privileges;
import org.pacer.it.harness.TestCluster;

/**
 * The CTS-style scenarios on one 3-node cluster in network namespaces (root, as CI runs; skipped
 * otherwise). {@link CtsLoopbackIT} runs them on loopback. Both run with {@code -Pcts}.
 */
class CtsIT {

  static void runAll(TestCluster cluster) throws Exception {
    boolean passed = false;
    CtsScenarios cts = new CtsScenarios(cluster);
    try {
      cts.startOneByOne();
      cts.resourceRecover();
      cts.stonithdTest();
      cts.hungNode();
      cts.componentFail();
      if (cluster.inNamespaces()) {
        cts.splitBrain();
      }
      cts.restartOneByOne();
      cts.stopOneByOneAndSimul();
      // Last: every node stops at once under maintenance mode, the step most hurt by a graceful
      // stop that ends in fencing (docs/reliability.md, "Known bugs").
      cts.maintenanceAndReattach();
      List<String> problems = cts.problems();
      System.out.println("CTS convergence (ms): " + cts.convergence());
      System.out.println("CTS worst convergence: " + cts.checker().worstConvergenceMs() + " ms");
      assertEquals(List.of(), problems);
      passed = true;
    } finally {
      cts.checker().close();
      if (!passed) {
        cluster.keepLogs();
      }
    }
  }

  @Test
  void scenarios() throws Exception {
    assumeTrue(Privileges.namespaces(), "needs root, ip and nft (network namespaces)");
    try (TestCluster cluster = TestCluster.builder("ctsns").nodes(3).namespaces(true).build()) {
      runAll(cluster);
    }
  }
}
