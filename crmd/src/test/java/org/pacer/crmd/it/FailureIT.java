package org.pacer.crmd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A failing monitor on real daemons: the resource ({@code ocf:pacer:Logged}, whose monitor fails
 * once while its {@code fail_file} exists) is recovered in place; at migration-threshold (2) it
 * moves; after failure-timeout the fail count is cleared by the DC without anyone asking.
 */
class FailureIT extends ClusterTest {

  static final int TIMEOUT_S = 15;

  @Test
  void aFailedMonitorRecoversInPlaceThenMovesAtTheThresholdAndTheFailCountExpires()
      throws Exception {
    ItCluster.assumeAgents(false);
    cluster = ItCluster.create(3, false);
    Path logDir = cluster.dir().resolve("agent-logs");
    Path failFile = cluster.dir().resolve("fail-flaky");
    cluster.startAll();
    cluster.awaitJoined();
    String flaky =
        "<primitive id=\"flaky\" class=\"ocf\" provider=\"pacer\" type=\"Logged\">"
            + "<instance_attributes id=\"flaky-params\">"
            + "<nvpair id=\"flaky-log\" name=\"log_dir\" value=\""
            + logDir
            + "\"/><nvpair id=\"flaky-fail\" name=\"fail_file\" value=\""
            + failFile
            + "\"/></instance_attributes><meta_attributes id=\"flaky-meta\">"
            + "<nvpair id=\"flaky-mt\" name=\"migration-threshold\" value=\"2\"/>"
            + "<nvpair id=\"flaky-ft\" name=\"failure-timeout\" value=\""
            + TIMEOUT_S
            + "s\"/></meta_attributes><operations>"
            + "<op id=\"flaky-mon\" name=\"monitor\" interval=\"2s\"/></operations></primitive>";
    CrmdClusterIT.configure(cluster, 3, CrmdClusterIT.option("stonith-enabled", "false"), flaky);
    String home = cluster.awaitStarted("flaky", "none", 60);
    assertTrue(home != null, "flaky never started\n" + cluster.logs());
    String failCount = "fail-count-flaky#monitor_2000";

    // First failure: recovered where it is, fail count 1 there.
    long failedAt = System.currentTimeMillis();
    Files.createFile(failFile);
    String status =
        cluster.awaitDcStatus(
            s ->
                "1".equals(StatusReading.attribute(s, failCount).get(home))
                    && home.equals(StatusReading.startedOn(s, "flaky"))
                    && restartedSince(logDir, home, failedAt),
            30);
    assertTrue(
        status != null, "flaky was not recovered in place on " + home + "\n" + cluster.logs());
    long recoveredMs = System.currentTimeMillis() - failedAt;

    // Second failure: the threshold is reached; it moves.
    long secondAt = System.currentTimeMillis();
    Files.createFile(failFile);
    String moved = cluster.awaitStarted("flaky", home, 30);
    assertTrue(moved != null, "flaky did not move at migration-threshold\n" + cluster.logs());
    long movedMs = System.currentTimeMillis() - secondAt;
    status = cluster.statusSection(cluster.dc());
    assertEquals("2", StatusReading.attribute(status, failCount).get(home), status);
    AgentLog log = AgentLog.read(logDir);
    assertNull(log.overlap("flaky", Map.of()), "flaky ran twice: " + log.events());

    // failure-timeout: the DC asks the scheduler again when the failure expires and clears it.
    String cleared =
        cluster.awaitDcStatus(
            s -> !StatusReading.attribute(s, failCount).containsKey(home), TIMEOUT_S + 20);
    assertTrue(cleared != null, "the fail count on " + home + " never expired\n" + cluster.logs());
    long clearedMs = System.currentTimeMillis() - secondAt;
    assertTrue(clearedMs >= TIMEOUT_S * 1000L - 1500, "cleared too early: " + clearedMs + " ms");
    System.out.println(
        "crmd IT: failures: recovered in place on "
            + home
            + " "
            + recoveredMs
            + " ms after the fail file (2 s monitor); moved to "
            + moved
            + " "
            + movedMs
            + " ms after the second; fail count cleared "
            + clearedMs
            + " ms after it (failure-timeout "
            + TIMEOUT_S
            + " s)");
  }

  /** Whether the agent log shows {@code flaky} stopped and started again on {@code node}. */
  private static boolean restartedSince(Path logDir, String node, long since) {
    try {
      List<AgentLog.Event> events =
          AgentLog.read(logDir).of("flaky", node).stream().filter(e -> e.atMs() >= since).toList();
      return events.size() >= 1 && events.get(events.size() - 1).change().equals("start");
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
