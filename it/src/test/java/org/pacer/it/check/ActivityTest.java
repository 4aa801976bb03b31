package org.pacer.it.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActivityTest {

  private static AgentEvent e(long t, String node, String rsc, String action) {
    return new AgentEvent(t, node, rsc, action);
  }

  @Test
  void aMoveWithStopBeforeStartIsNoOverlap() {
    Activity a =
        Activity.of(
            List.of(e(1, "n1", "p", "start"), e(5, "n1", "p", "stop"), e(5, "n2", "p", "start")),
            List.of());
    assertEquals(List.of(), a.overlaps("p"));
    assertEquals(Set.of("n2"), a.activeNow("p"));
  }

  @Test
  void aStartElsewhereBeforeTheStopIsAnOverlap() {
    Activity a =
        Activity.of(
            List.of(e(1, "n1", "p", "start"), e(4, "n2", "p", "start"), e(5, "n1", "p", "stop")),
            List.of());
    assertEquals(1, a.overlaps("p").size());
    assertTrue(a.overlaps("p").get(0).contains("n1"), a.overlaps("p").toString());
  }

  @Test
  void fencingEndsEverythingOnTheNodeWhenItCompletes() {
    List<AgentEvent> events = List.of(e(1, "n1", "p", "start"), e(10, "n2", "p", "start"));
    assertEquals(
        List.of(),
        Activity.of(events, List.of(new Activity.NodeDown("n1", 9, "fenced"))).overlaps("p"));
    // Fencing that completes after the start elsewhere came too late.
    assertEquals(
        1,
        Activity.of(events, List.of(new Activity.NodeDown("n1", 11, "fenced")))
            .overlaps("p")
            .size());
    // Without fencing the hung node still runs it.
    assertEquals(1, Activity.of(events, List.of()).overlaps("p").size());
  }

  @Test
  void aPowerOffEndsEverythingOnTheNode() {
    Activity a =
        Activity.of(
            List.of(
                e(1, "n1", "p", "start"),
                e(2, "n1", AgentEvent.ALL, AgentEvent.OFF),
                e(3, "n2", "p", "start")),
            List.of());
    assertEquals(List.of(), a.overlaps("p"));
    assertEquals(Set.of("n2"), a.activeNow("p"));
  }

  @Test
  void promotedMaxCountsOverlappingPromotions() {
    Activity ok =
        Activity.of(
            List.of(
                e(1, "n1", "s", "promote"), e(3, "n1", "s", "demote"), e(3, "n2", "s", "promote")),
            List.of());
    assertEquals(List.of(), ok.promotedOver("s", 1));
    Activity bad =
        Activity.of(
            List.of(
                e(1, "n1", "s", "promote"), e(2, "n2", "s", "promote"), e(3, "n1", "s", "demote")),
            List.of());
    assertEquals(1, bad.promotedOver("s", 1).size());
    assertEquals(List.of(), bad.promotedOver("s", 2));
  }

  @Test
  void logsAreReadFromEveryNodeFileInTimeOrder() throws Exception {
    Path dir = Files.createTempDirectory("agent-log");
    Files.writeString(dir.resolve("n2.log"), "5 n2 p start\n");
    Files.writeString(dir.resolve("n1.log"), "1 n1 p start\n3 n1 p stop\n7 n1 p sta");
    AgentEvent.appendOff(dir, "n3", 9);
    List<AgentEvent> all = AgentEvent.readAll(dir);
    assertEquals(
        List.of(
            e(1, "n1", "p", "start"),
            e(3, "n1", "p", "stop"),
            e(5, "n2", "p", "start"),
            e(9, "n3", "*", "off")),
        all,
        "an unfinished last line is left for the next read");
  }
}
