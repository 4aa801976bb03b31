package org.pacer.crmd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A graceful stop with fencing on (pacer-stonithd and fence_pacer_kill on every node): SIGTERM to
 * the node running a resource (what {@code crm cluster stop} sends) sets its shutdown attribute;
 * the DC moves the resource, tells the node to go (do_shutdown), and the node leaves well before
 * its wait ({@code pacer.crmd.shutdownWaitMs}, 10 s here) runs out; nobody fences it. Then the
 * other two stop as well, the last one alone without quorum: it fences nobody either.
 */
class GracefulStopIT extends ClusterTest {

  /** How long the leaving node's controller waits for the DC here (ItCluster's setting). */
  private static final long SHUTDOWN_WAIT_MS = 10_000;

  @Test
  void aStoppingNodeMovesItsResourceLeavesAtOnceAndIsNotFenced() throws Exception {
    String where = startFencedWithLoggedDummy();
    Path logDir = agentLogs();
    int leaving = Integer.parseInt(where.substring(1));
    String dcBefore = "n" + cluster.dc();

    long stopAt = System.nanoTime();
    cluster.process(leaving).destroy(); // SIGTERM, as crm cluster stop
    String moved = cluster.awaitStarted("dummy1", where, 60);
    long movedMs = (System.nanoTime() - stopAt) / 1_000_000;
    assertTrue(moved != null, "dummy1 did not move away from " + where + "\n" + cluster.logs());
    assertTrue(cluster.process(leaving).waitFor(30, TimeUnit.SECONDS), where + " did not stop");
    long leftMs = (System.nanoTime() - stopAt) / 1_000_000;
    String leavingLog = nodeLog(leaving);
    assertTrue(
        leavingLog.contains("shut down by the DC"),
        where + " was not let go by the DC\n" + cluster.logs());
    assertFalse(leavingLog.contains("did not let this node go"), cluster.logs());
    assertTrue(leftMs < SHUTDOWN_WAIT_MS, where + " took " + leftMs + " ms to leave");

    // Nobody fences it, even a while after it left (a lost node is fenced within a second or two).
    List<Integer> survivors = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      if (i != leaving) {
        survivors.add(i);
      }
    }
    cluster.awaitJoined(survivors, 30);
    Thread.sleep(3_000);
    for (int i : survivors) {
      assertEquals(List.of(), fencings(i), "fencing history on n" + i);
    }
    String status = cluster.statusSection(cluster.dc());
    assertEquals(moved, StatusReading.startedOn(status, "dummy1"), status);
    AgentLog agents = AgentLog.read(logDir);
    assertNull(agents.overlap("dummy1", Map.of()), "dummy1 ran twice: " + agents.events());
    System.out.println(
        "crmd IT: graceful stop of "
            + where
            + (("n" + leaving).equals(dcBefore) ? " (the DC)" : " (DC " + dcBefore + ")")
            + ": dummy1 running on "
            + moved
            + " "
            + movedMs
            + " ms after SIGTERM; the node left after "
            + leftMs
            + " ms (its wait: "
            + SHUTDOWN_WAIT_MS
            + " ms); not fenced");

    // The whole cluster stops: one more, then the last alone (1 of 3 votes, no quorum).
    int last = survivors.get(1);
    int second = survivors.get(0);
    long secondAt = System.nanoTime();
    cluster.process(second).destroy();
    assertTrue(cluster.process(second).waitFor(30, TimeUnit.SECONDS), "n" + second);
    long secondMs = (System.nanoTime() - secondAt) / 1_000_000;
    cluster.awaitJoined(List.of(last), 30);
    Thread.sleep(3_000);
    assertEquals(List.of(), fencings(last), "fencing history on the last node n" + last);
    String lastLog = nodeLog(last);
    assertFalse(lastLog.contains("DcRole: fencing "), lastLog);
    long lastAt = System.nanoTime();
    cluster.process(last).destroy();
    assertTrue(cluster.process(last).waitFor(30, TimeUnit.SECONDS), "n" + last);
    long lastMs = (System.nanoTime() - lastAt) / 1_000_000;
    assertFalse(nodeLog(last).contains("DcRole: fencing "), nodeLog(last));
    assertTrue(nodeLog(second).contains("shut down by the DC"), nodeLog(second));
    assertTrue(nodeLog(last).contains("shut down by the DC"), nodeLog(last));
    System.out.println(
        "crmd IT: whole-cluster stop: n"
            + second
            + " left after "
            + secondMs
            + " ms, the last node n"
            + last
            + " after "
            + lastMs
            + " ms; nobody fenced");
  }

  /**
   * The DC itself stops: it schedules its own resources' stops and its own do_shutdown, leaves well
   * before its wait runs out, another node becomes DC, and nobody fences it.
   */
  @Test
  void aStoppingDcLeavesAtOnceAndIsNotFenced() throws Exception {
    String where = startFencedWithLoggedDummy();
    Path logDir = agentLogs();
    int dc = cluster.dc();
    long stopAt = System.nanoTime();
    cluster.process(dc).destroy();
    assertTrue(
        cluster.process(dc).waitFor(30, TimeUnit.SECONDS), "the DC n" + dc + " did not stop");
    long leftMs = (System.nanoTime() - stopAt) / 1_000_000;
    assertTrue(nodeLog(dc).contains("shut down by the DC"), cluster.logs());
    assertTrue(leftMs < SHUTDOWN_WAIT_MS, "the DC took " + leftMs + " ms to leave");
    List<Integer> survivors = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      if (i != dc) {
        survivors.add(i);
      }
    }
    String newDc = cluster.awaitJoined(survivors, 30);
    String runs = cluster.awaitStarted("dummy1", "n" + dc, 60);
    assertTrue(runs != null, "dummy1 does not run after the DC left\n" + cluster.logs());
    Thread.sleep(3_000);
    for (int i : survivors) {
      assertEquals(List.of(), fencings(i), "fencing history on n" + i);
    }
    AgentLog agents = AgentLog.read(logDir);
    assertNull(agents.overlap("dummy1", Map.of()), "dummy1 ran twice: " + agents.events());
    System.out.println(
        "crmd IT: graceful stop of the DC n"
            + dc
            + ": it left after "
            + leftMs
            + " ms; new DC "
            + newDc
            + ", dummy1 on "
            + runs
            + " (was on "
            + where
            + "); not fenced");
  }
}
