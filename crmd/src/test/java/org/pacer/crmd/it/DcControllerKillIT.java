package org.pacer.crmd.it;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the DC's controller alone (each node's crmd runs as a {@code pacer-crmd} JVM of its
 * own here), while the transition that starts six resources is in flight: another node becomes DC,
 * recomputes from what every executor reports, and every resource ends up running once; from the
 * agents' own log, none ran on two nodes at once (the DC's node, whose executor still runs, is
 * fenced by the scheduler's decision or keeps what it runs).
 */
class DcControllerKillIT extends ClusterTest {

  static final int RESOURCES = 6;

  @Test
  void anotherDcTakesOverTheInFlightTransitionWithoutADuplicateStart() throws Exception {
    ItCluster.assumeAgents(true);
    cluster = ItCluster.create(3, true);
    cluster.separateCrmd();
    Path logDir = cluster.dir().resolve("agent-logs");
    cluster.startAll();
    String dcName = cluster.awaitJoined();
    int dc = Integer.parseInt(dcName.substring(1));
    Map<String, List<Long>> poweredOff = new ConcurrentHashMap<>();
    cluster
        .process(dc)
        .onExit()
        .thenRun(() -> poweredOff.put(dcName, List.of(System.currentTimeMillis())));
    StringBuilder resources = new StringBuilder(cluster.fenceDevice(""));
    for (int r = 1; r <= RESOURCES; r++) {
      resources.append(PartitionIT.logged("r" + r, logDir));
    }
    CrmdClusterIT.configure(cluster, 3, "", resources.toString());
    // Kill the DC's controller as soon as the first start ran: the rest are in flight or queued.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline
        && AgentLog.read(logDir).events().stream().noneMatch(e -> e.change().equals("start"))) {
      Thread.sleep(10);
    }
    AgentLog atKill = AgentLog.read(logDir);
    assertTrue(!atKill.events().isEmpty(), "nothing started\n" + cluster.logs());
    long killedAt = System.nanoTime();
    cluster.killCrmd(dc);
    List<Integer> others = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      if (i != dc) {
        others.add(i);
      }
    }
    long electedMs = -1;
    long viewMs = -1;
    String newDc = null;
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && electedMs < 0) {
      JsonNode st = cluster.status(others.get(0));
      if (viewMs < 0 && st != null && st.path("members").size() == 2) {
        viewMs = (System.nanoTime() - killedAt) / 1_000_000;
      }
      if (st != null
          && st.path("joined").asBoolean()
          && !st.path("dc").isNull()
          && !st.path("dc").asText().equals(dcName)) {
        electedMs = (System.nanoTime() - killedAt) / 1_000_000;
        newDc = st.path("dc").asText();
      }
      Thread.sleep(20);
    }
    assertTrue(electedMs >= 0, "no new DC after killing " + dcName + "'s crmd\n" + cluster.logs());
    String all =
        cluster.awaitDcStatus(
            s -> {
              for (int r = 1; r <= RESOURCES; r++) {
                if (StatusReading.startedOnAll(s, "r" + r).size() != 1) {
                  return false;
                }
              }
              return true;
            },
            90);
    assertTrue(
        all != null,
        "not every resource running once\n"
            + cluster.statusSection(cluster.dc())
            + "\n"
            + cluster.logs());
    long settledMs = (System.nanoTime() - killedAt) / 1_000_000;
    Thread.sleep(500); // the node's exit stamp, if it was fenced
    AgentLog log = AgentLog.read(logDir);
    for (int r = 1; r <= RESOURCES; r++) {
      assertNull(log.overlap("r" + r, poweredOff), "r" + r + " ran twice: " + log.events());
    }
    System.out.println(
        "crmd IT: killed the DC's controller ("
            + dcName
            + ") with "
            + atKill.events().size()
            + " of "
            + RESOURCES
            + " starts done; "
            + newDc
            + " DC and joined "
            + electedMs
            + " ms later (the crmd group lost it at "
            + viewMs
            + " ms); all "
            + RESOURCES
            + " running once "
            + settledMs
            + " ms after the kill; "
            + dcName
            + (poweredOff.containsKey(dcName) ? " was fenced" : " was not fenced"));
  }
}
