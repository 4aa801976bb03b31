package org.pacer.crmd.it;

import org.junit.jupiter.api.AfterEach;

/** A test that starts an {@link ItCluster}: whatever happens, its nodes and namespaces go. */
abstract class ClusterTest {

  ItCluster cluster;

  @AfterEach
  void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }
}
