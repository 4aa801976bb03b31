package org.pacer.crmd.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;

/** A test that starts an {@link ItCluster}: whatever happens, its nodes and namespaces go. */
abstract class ClusterTest {

  ItCluster cluster;

  /**
   * Starts 3 nodes with fencing (pacer-stonithd, fence_pacer_kill) and configures the fence device
   * and {@code dummy1}, an {@code ocf:pacer:Logged} logging to {@code <cluster>/agent-logs};
   * returns the node it started on.
   */
  String startFencedWithLoggedDummy() throws Exception {
    ItCluster.assumeAgents(true);
    cluster = ItCluster.create(3, true);
    cluster.startAll();
    cluster.awaitJoined();
    CrmdClusterIT.configure(
        cluster, 3, "", cluster.fenceDevice("") + PartitionIT.logged("dummy1", agentLogs()));
    String where = cluster.awaitStarted("dummy1", "none", 60);
    assertTrue(where != null, "dummy1 never started\n" + cluster.logs());
    return where;
  }

  Path agentLogs() {
    return cluster.dir().resolve("agent-logs");
  }

  @AfterEach
  void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }
}
