package org.pacer.crmd.it;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The failover measurement, not part of the default build (the name matches neither
 * surefire's nor failsafe's patterns): {@code mvn -o -pl crmd -am verify -Dtest=NONE
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=FailoverBench
 * -Dfailsafe.failIfNoSpecifiedTests=false [-Dcrmd.it.token=300] [-Dcrmd.bench.runs=10]}. Three
 * nodes with fencing (pacer-stonithd, fence_pacer_kill); each run kills -9 the node running an
 * {@code ocf:pacer:Logged} resource, times until the DC has it running elsewhere, then reboots the
 * node and waits for it to join. Every run is checked from the agent's log: never active twice.
 */
class FailoverBench extends ClusterTest {

  @Test
  void killTheNodeRunningAResourceRepeatedly() throws Exception {
    ItCluster.assumeAgents(true);
    int runs = Integer.getInteger("crmd.bench.runs", 10);
    cluster = ItCluster.create(3, true);
    Path logDir = cluster.dir().resolve("agent-logs");
    long t0 = System.nanoTime();
    cluster.startAll();
    cluster.awaitJoined();
    long formedMs = (System.nanoTime() - t0) / 1_000_000;
    CrmdClusterIT.configure(
        cluster, 3, "", cluster.fenceDevice("") + PartitionIT.logged("dummy1", logDir));
    String where = cluster.awaitStarted("dummy1", "none", 60);
    assertTrue(where != null, "dummy1 never started\n" + cluster.logs());
    Map<String, List<Long>> poweredOff = new ConcurrentHashMap<>();
    List<Long> times = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      int victim = Integer.parseInt(where.substring(1));
      long killedAt = System.currentTimeMillis();
      cluster.kill(victim);
      poweredOff.computeIfAbsent(where, n -> new ArrayList<>()).add(killedAt);
      String moved = cluster.awaitStarted("dummy1", where, 90);
      assertTrue(moved != null, "run " + run + ": dummy1 did not move\n" + cluster.logs());
      times.add(System.currentTimeMillis() - killedAt);
      AgentLog log = AgentLog.read(logDir);
      assertNull(log.overlap("dummy1", poweredOff), "run " + run + ": " + log.events());
      cluster.reboot(victim);
      cluster.awaitJoined();
      where = moved;
    }
    List<Long> sorted = times.stream().sorted().toList();
    System.out.println(
        "crmd bench: "
            + (cluster.inNamespaces() ? "namespaces" : "loopback")
            + ", token "
            + System.getProperty("crmd.it.token", "default")
            + ": formed in "
            + formedMs
            + " ms; kill -9 -> fenced -> running elsewhere over "
            + runs
            + " runs: p50 "
            + sorted.get(sorted.size() / 2)
            + " ms, min "
            + sorted.get(0)
            + " ms, max "
            + sorted.get(sorted.size() - 1)
            + " ms, all "
            + times);
  }
}
