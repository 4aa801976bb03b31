package org.pacer.crmd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.pacer.cib.client.CibClient;
import org.pacer.cib.document.CibSection;
import org.pacer.cib.ops.CibWrite;

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
    List<Integer> survivors = survivors(leaving);
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
   * The DC itself stops while it runs the resource (moved there first): it schedules its resource's
   * stop elsewhere and its own do_shutdown, leaves well before its wait runs out, another node
   * becomes DC promptly (the time without a DC is measured from the logs), and nobody fences it.
   */
  @Test
  void aStoppingDcMovesItsResourceLeavesAtOnceAndIsNotFenced() throws Exception {
    String first = startFencedWithLoggedDummy();
    Path logDir = agentLogs();
    int dc = cluster.dc();
    String where = "n" + dc;
    if (!first.equals(where)) {
      try (CibClient c = cluster.cib(dc)) {
        c.write(
            new CibWrite.Create(
                CibSection.CONSTRAINTS,
                "<constraints><rsc_location id=\"on-dc\" rsc=\"dummy1\" node=\""
                    + where
                    + "\" score=\"100\"/></constraints>"),
            null);
      }
      String on =
          StatusReading.startedOn(
              cluster.awaitDcStatus(s -> where.equals(StatusReading.startedOn(s, "dummy1")), 60),
              "dummy1");
      assertEquals(where, on, "dummy1 moved to the DC\n" + cluster.logs());
    }
    assertEquals(dc, cluster.dc(), "the DC did not change");
    long stopAt = System.nanoTime();
    cluster.process(dc).destroy(); // SIGTERM, as crm cluster stop
    String moved = cluster.awaitStarted("dummy1", where, 60);
    long movedMs = (System.nanoTime() - stopAt) / 1_000_000;
    assertTrue(moved != null, "dummy1 did not move away from the DC\n" + cluster.logs());
    assertTrue(
        cluster.process(dc).waitFor(30, TimeUnit.SECONDS), "the DC n" + dc + " did not stop");
    long leftMs = (System.nanoTime() - stopAt) / 1_000_000;
    assertTrue(nodeLog(dc).contains("shut down by the DC"), cluster.logs());
    assertTrue(leftMs < SHUTDOWN_WAIT_MS, "the DC took " + leftMs + " ms to leave");
    List<Integer> survivors = survivors(dc);
    String newDc = cluster.awaitJoined(survivors, 30);
    Thread.sleep(3_000);
    for (int i : survivors) {
      assertEquals(List.of(), fencings(i), "fencing history on n" + i);
    }
    AgentLog agents = AgentLog.read(logDir);
    assertNull(agents.overlap("dummy1", Map.of()), "dummy1 ran twice: " + agents.events());
    long gap = noDcGapMs(dc, Integer.parseInt(newDc.substring(1)));
    assertTrue(gap >= 0 && gap < 2_000, "time without a DC: " + gap + " ms\n" + cluster.logs());
    System.out.println(
        "crmd IT: graceful stop of the DC "
            + where
            + " running dummy1: dummy1 on "
            + moved
            + " "
            + movedMs
            + " ms after SIGTERM; the DC left after "
            + leftMs
            + " ms; new DC "
            + newDc
            + " joined "
            + gap
            + " ms after the old DC handed over (no DC meanwhile); not fenced");
  }

  /**
   * The time the survivors had no DC, from the new DC's log (one machine, one clock): from the old
   * DC's hand-over (or, without one, its exit) to the new DC's election; once elected it must stay
   * DC when the old one leaves (no further election on the survivors).
   */
  private long noDcGapMs(int oldDc, int newDc) throws Exception {
    String log = nodeLog(newDc);
    long from =
        log.contains("is leaving: electing another")
            ? timeOf(log, "is leaving: electing another", 0)
            : timeOf(nodeLog(oldDc), "exiting: shut down by the DC", 0);
    long elected = timeOf(log, ": DC is n" + newDc, from);
    for (int i : survivors(oldDc)) {
      String after = linesAfter(nodeLog(i), elected);
      assertFalse(after.contains("electing a DC"), "n" + i + " lost its DC again:\n" + after);
    }
    return elected - from;
  }

  /** The time of the first line at or after {@code notBefore} holding {@code marker}. */
  private static long timeOf(String log, String marker, long notBefore) {
    for (String line : log.split("\n")) {
      long t = time(line);
      if (t >= notBefore && line.contains(marker)) {
        return t;
      }
    }
    throw new AssertionError("no '" + marker + "' in\n" + log);
  }

  private static String linesAfter(String log, long t) {
    StringBuilder sb = new StringBuilder();
    for (String line : log.split("\n")) {
      if (time(line) > t) {
        sb.append(line).append('\n');
      }
    }
    return sb.toString();
  }

  /** A log line's time of day in ms, or -1 for a line without one (a stack trace). */
  private static long time(String line) {
    if (line.length() < 12 || line.charAt(2) != ':' || line.charAt(8) != '.') {
      return -1;
    }
    return java.time.LocalTime.parse(line.substring(0, 12)).toNanoOfDay() / 1_000_000;
  }
}
