package org.pacer.it.cts;

import org.junit.jupiter.api.Test;
import org.pacer.it.harness.TestCluster;

/**
 * The CTS-style scenarios on loopback addresses (no root needed): everything but the split brain,
 * which needs links that can be cut.
 */
class CtsLoopbackIT {

  @Test
  void scenarios() throws Exception {
    try (TestCluster cluster =
        TestCluster.builder("cts").nodes(3).namespaces(false).firstLoopback(51).build()) {
      CtsIT.runAll(cluster);
    }
  }
}
