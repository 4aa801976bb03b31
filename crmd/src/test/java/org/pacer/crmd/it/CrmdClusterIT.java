package org.pacer.crmd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.pacer.cib.client.CibClient;
import org.pacer.cib.document.CibSection;
import org.pacer.cib.ops.CibQuery;
import org.pacer.cib.ops.CibWrite;

/**
 * Three real nodes ({@link ItCluster}: in network namespaces as root, else on 127.0.0.1-3): the
 * cluster elects one DC that every node joins, and places a Dummy resource on one node; graceful
 * stop, kill -9 of its node, kill -9 of the DC; and with fencing, a lost node fenced before its
 * resource starts elsewhere. Times are printed as {@code crmd IT: ...} (Pacemaker takes ~23 s to
 * form).
 */
class CrmdClusterIT extends ClusterTest {

  static final String DUMMY =
      "<primitive id=\"dummy1\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
          + "<operations><op id=\"dummy1-mon\" name=\"monitor\" interval=\"10s\"/></operations>"
          + "</primitive>";

  private String where() {
    return cluster.inNamespaces() ? "in network namespaces" : "on loopback";
  }

  /**
   * Writes resources (and options) through the first node, then through every node whose CIB does
   * not show them shortly after (where the CIB would not replicate).
   */
  static void configure(ItCluster cluster, int size, String options, String resources)
      throws Exception {
    String firstId = resources.replaceFirst("(?s)^.*?id=\"([^\"]+)\".*$", "$1");
    for (int i = 1; i <= size; i++) {
      try (CibClient c = cluster.cib(i)) {
        if (i > 1) {
          Thread.sleep(500);
        }
        if (c.query(CibQuery.whole()).contains("id=\"" + firstId + "\"")) {
          continue;
        }
        if (!options.isEmpty()) {
          c.write(
              new CibWrite.Modify(
                  CibSection.CRM_CONFIG,
                  null,
                  "<cluster_property_set id=\"cib-bootstrap-options\">"
                      + options
                      + "</cluster_property_set>",
                  true),
              null);
        }
        c.write(
            new CibWrite.Create(CibSection.RESOURCES, "<resources>" + resources + "</resources>"),
            null);
      }
    }
  }

  static String option(String name, String value) {
    return "<nvpair id=\"opt-" + name + "\" name=\"" + name + "\" value=\"" + value + "\"/>";
  }

  private long awaitFormed(long t0) throws Exception {
    long viewMs = -1;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      List<JsonNode> all = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        all.add(cluster.status(i));
      }
      if (viewMs < 0 && all.stream().allMatch(s -> s != null && s.path("members").size() == 3)) {
        viewMs = (System.nanoTime() - t0) / 1_000_000;
      }
      if (all.stream().allMatch(s -> s != null && s.path("joined").asBoolean())) {
        break;
      }
      Thread.sleep(20);
    }
    return viewMs;
  }

  @Test
  void threeNodesElectOneDcJoinAndPlaceADummy() throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/lib/ocf/resource.d/heartbeat/Dummy")), "no Dummy agent");
    cluster = ItCluster.create(3, false);
    long t0 = System.nanoTime();
    cluster.startAll();
    long viewMs = awaitFormed(t0);
    String dc = cluster.awaitJoined();
    long joinedMs = (System.nanoTime() - t0) / 1_000_000;
    System.out.println(
        "crmd IT: "
            + where()
            + ": DC "
            + dc
            + " with all 3 joined "
            + joinedMs
            + " ms after start; the crmd group had all 3 at "
            + viewMs
            + " ms (election and join: about "
            + (joinedMs - viewMs)
            + " ms, within this 20 ms polling)");

    configure(cluster, 3, option("stonith-enabled", "false"), DUMMY);
    String where = cluster.awaitStarted("dummy1", "none", 60);
    if (where == null) {
      throw new AssertionError("dummy1 never started\n" + cluster.logs());
    }
    int dcIndex = Integer.parseInt(dc.substring(1));
    // It stays there, and nowhere else starts it: watch the status for a few seconds.
    for (int round = 0; round < 20; round++) {
      String status = cluster.statusSection(dcIndex);
      assertEquals(where, StatusReading.startedOn(status, "dummy1"), status);
      assertEquals(List.of(where), StatusReading.startedOnAll(status, "dummy1"), status);
      Thread.sleep(100);
    }
    System.out.println("crmd IT: dummy1 started on " + where);
    if (Files.isExecutable(Path.of("target/bin/crm_mon"))) {
      // What an operator sees, through the thin client, on the DC's node.
      ProcessBuilder pb =
          new ProcessBuilder(Path.of("target/bin/crm_mon").toAbsolutePath().toString(), "-1");
      pb.environment().put("PACER_ROOT", cluster.paths(dcIndex).root().toString());
      Process mon = pb.start();
      String view =
          new String(mon.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      mon.waitFor(30, TimeUnit.SECONDS);
      System.out.println("crmd IT: crm_mon -1 on " + dc + ":\n" + view);
      assertEquals(0, mon.exitValue(), view);
      assertTrue(view.contains("Current DC: " + dc + " (version"), view);
      assertTrue(view.contains("Online: [ n1 n2 n3 ]"), view);
    }

    // SIGTERM to the node running it: the controller asks to leave (the shutdown attribute); the
    // DC moves dummy1 away and then lets the node go (do_shutdown; GracefulStopIT checks that
    // with fencing on). Then the node comes back.
    int leaving = Integer.parseInt(where.substring(1));
    long stopAt = System.nanoTime();
    cluster.process(leaving).destroy();
    String movedTo = cluster.awaitStarted("dummy1", where, 60);
    assertTrue(
        movedTo != null,
        "dummy1 did not move away from the stopping " + where + "\n" + cluster.logs());
    assertTrue(cluster.process(leaving).waitFor(30, TimeUnit.SECONDS), where + " did not stop");
    System.out.println(
        "crmd IT: graceful stop of "
            + where
            + ": dummy1 running on "
            + movedTo
            + " "
            + (System.nanoTime() - stopAt) / 1_000_000
            + " ms later; the node stopped (exit "
            + cluster.process(leaving).exitValue()
            + ")");
    cluster.start(leaving);
    dc = cluster.awaitJoined();
    where = movedTo;

    // kill -9 the node running it (every daemon: one JVM). Fencing is disabled here, so the
    // scheduler takes the lost node as down and recovers at once.
    int victim = Integer.parseInt(where.substring(1));
    long killedAt = System.nanoTime();
    cluster.kill(victim);
    String moved = cluster.awaitStarted("dummy1", where, 60);
    if (moved == null) {
      throw new AssertionError(
          "dummy1 did not move away from the killed "
              + where
              + "\n"
              + cluster.statusSection(cluster.dc())
              + "\n"
              + cluster.logs());
    }
    long failoverMs = (System.nanoTime() - killedAt) / 1_000_000;
    int dcNow = cluster.dc();
    System.out.println(
        "crmd IT: killed "
            + where
            + " (DC was "
            + dc
            + "); dummy1 running on "
            + moved
            + " "
            + failoverMs
            + " ms later (DC now n"
            + dcNow
            + ")");

    // Now lose the DC itself (if it is not the node just killed): the other survivor becomes DC,
    // and dummy1 stays where it runs, started once.
    int other = 6 - victim - dcNow;
    if (dcNow != 0 && dcNow != victim && other != victim) {
      long dcKilledAt = System.nanoTime();
      cluster.kill(dcNow);
      long electedMs = -1;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline && electedMs < 0) {
        JsonNode st = cluster.status(other);
        if (st != null
            && ("n" + other).equals(st.path("dc").asText())
            && st.path("joined").asBoolean()) {
          electedMs = (System.nanoTime() - dcKilledAt) / 1_000_000;
        }
        Thread.sleep(20);
      }
      assertTrue(electedMs >= 0, "no new DC after killing n" + dcNow + "\n" + cluster.logs());
      System.out.println(
          "crmd IT: killed the DC n"
              + dcNow
              + "; n"
              + other
              + " DC and joined "
              + electedMs
              + " ms later");
      if (moved.equals("n" + other)) {
        // Two of three nodes are gone: no quorum, and no-quorum-policy=stop stops it. Before
        // that, it must never have been started twice: the history shows one start.
        String status = cluster.statusSection(other);
        assertTrue(StatusReading.startedOnAll(status, "dummy1").size() <= 1, status);
      }
    }
  }

  /**
   * With fencing (pacer-stonithd and the test agent fence_pacer_kill, which kills every process
   * under a node's root): kill -9 of the node running a Dummy; the DC fences it, and only then
   * starts the Dummy elsewhere.
   */
  @Test
  void aLostNodeIsFencedBeforeItsResourceStartsElsewhere() throws Exception {
    String where = startFencedWithLoggedDummy();
    Path logDir = agentLogs();
    int victim = Integer.parseInt(where.substring(1));
    long killedAtMs = System.currentTimeMillis();
    long killedAt = System.nanoTime();
    cluster.kill(victim);
    String moved = cluster.awaitStarted("dummy1", where, 90);
    if (moved == null) {
      throw new AssertionError(
          "dummy1 did not move after " + where + " was killed\n" + cluster.logs());
    }
    long failoverMs = (System.nanoTime() - killedAt) / 1_000_000;
    // The DC recorded the fencing before the start: the node is down cleanly, its history gone.
    String status = cluster.statusSection(cluster.dc());
    assertTrue(
        status.contains("uname=\"" + where + "\"")
            && !StatusReading.startedOnAll(status, "dummy1").contains(where),
        status);
    // From the agent's own log: it never ran on two nodes (the killed node ran nothing after).
    AgentLog log = AgentLog.read(logDir);
    assertNull(
        log.overlap("dummy1", java.util.Map.of(where, List.of(killedAtMs))),
        "dummy1 ran twice: " + log.events());
    System.out.println(
        "crmd IT: "
            + where()
            + ": with fencing: killed "
            + where
            + "; fenced, dummy1 running on "
            + moved
            + " "
            + failoverMs
            + " ms later");
  }
}
