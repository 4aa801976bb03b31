package org.pacer.crmd.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.pacer.stonithd.api.StonithClient;
import org.pacer.stonithd.coordination.HistoryEntry;

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

  /** The cluster's nodes but {@code gone}. */
  List<Integer> survivors(int gone) {
    List<Integer> out = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      if (i != gone) {
        out.add(i);
      }
    }
    return out;
  }

  /** Node i's stonithd history for every node: fencing operations in any state. */
  List<HistoryEntry> fencings(int i) throws Exception {
    List<HistoryEntry> all = new ArrayList<>();
    try (StonithClient s = StonithClient.connectLocal(cluster.paths(i), "it")) {
      for (int t = 1; t <= 3; t++) {
        all.addAll(s.history("n" + t, true).get(10, TimeUnit.SECONDS));
      }
    }
    return all;
  }

  String nodeLog(int i) throws Exception {
    Path log = cluster.paths(i).logDir().resolve("node.log");
    return Files.exists(log) ? Files.readString(log) : "";
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
