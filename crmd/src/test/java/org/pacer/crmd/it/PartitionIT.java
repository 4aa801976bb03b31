package org.pacer.crmd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.pacer.cib.client.CibClient;

/**
 * The 2|1 partition, with real links cut in network namespaces (root only: on loopback a
 * test has no way to cut one node's traffic that it controls): a Dummy, a group and a clone (all
 * {@code ocf:pacer:Logged}, which logs every start and stop) are placed; the link of the node
 * running the Dummy is cut. The minority, without quorum, stops its resources (no-quorum-policy
 * stop, the default) and fences nobody; the majority fences it and takes over; after the link is
 * back and the fenced node rebooted, there is one DC and one CIB. From the agents' own log: the
 * Dummy and the group never ran on two nodes at once.
 */
class PartitionIT extends ClusterTest {

  static String logged(String id, Path logDir) {
    return "<primitive id=\""
        + id
        + "\" class=\"ocf\" provider=\"pacer\" type=\"Logged\">"
        + "<instance_attributes id=\""
        + id
        + "-params\"><nvpair id=\""
        + id
        + "-log\" name=\"log_dir\" value=\""
        + logDir
        + "\"/></instance_attributes>"
        + "<operations><op id=\""
        + id
        + "-mon\" name=\"monitor\" interval=\"10s\"/></operations></primitive>";
  }

  @Test
  void theMinorityStopsTheMajorityFencesItAndTakesOverAndAfterHealingThereIsOneDc()
      throws Exception {
    assumeTrue(Namespaces.available(), "cutting one node's links needs root (namespaces)");
    assumeTrue(!Boolean.getBoolean("crmd.it.loopback"), "-Dcrmd.it.loopback: no namespaces");
    ItCluster.assumeAgents(true);
    cluster = ItCluster.create(3, true);
    Path logDir = cluster.dir().resolve("agent-logs");
    cluster.startAll();
    cluster.awaitJoined();
    // pcmk_delay_base: the majority waits 5 s before fencing, so the minority's own reaction to
    // losing quorum (stopping everything) shows in the agents' log before it is cut off.
    String resources =
        cluster.fenceDevice(
                "<nvpair id=\"fence-kill-delay\" name=\"pcmk_delay_base\" value=\"5s\"/>")
            + logged("dummy1", logDir)
            + "<group id=\"g\">"
            + logged("g1", logDir)
            + logged("g2", logDir)
            + "</group><clone id=\"cl\">"
            + logged("cl1", logDir)
            + "</clone>";
    CrmdClusterIT.configure(cluster, 3, "", resources);
    String placed =
        cluster.awaitDcStatus(
            s ->
                StatusReading.startedOn(s, "dummy1") != null
                    && StatusReading.startedOn(s, "g2") != null
                    && StatusReading.startedOnAll(s, "cl1").size() == 3,
            90);
    assertTrue(
        placed != null,
        "dummy1, g and cl were not all placed\n"
            + cluster.statusSection(cluster.dc())
            + "\n"
            + cluster.logs());
    // The group runs together, in order; the clone everywhere.
    String groupOn = StatusReading.startedOn(placed, "g1");
    assertEquals(groupOn, StatusReading.startedOn(placed, "g2"), placed);
    AgentLog before = AgentLog.read(logDir);
    assertTrue(
        before.of("g1", groupOn).get(0).atMs() <= before.of("g2", groupOn).get(0).atMs(),
        "g1 starts before g2: " + before.events());
    String minority = StatusReading.startedOn(placed, "dummy1");
    int cut = Integer.parseInt(minority.substring(1));
    List<Integer> majority = IntStream.rangeClosed(1, 3).filter(i -> i != cut).boxed().toList();
    System.out.println(
        "crmd IT: partition: dummy1 on " + minority + ", g on " + groupOn + ", cl on all 3");

    Map<String, List<Long>> poweredOff = new ConcurrentHashMap<>();
    cluster
        .process(cut)
        .onExit()
        .thenRun(() -> poweredOff.put(minority, List.of(System.currentTimeMillis())));
    long cutAt = System.currentTimeMillis();
    cluster.isolate(cut);
    String moved = cluster.awaitStarted("dummy1", minority, 90);
    assertTrue(
        moved != null, "dummy1 did not move off the cut " + minority + "\n" + cluster.logs());
    long tookOver = System.currentTimeMillis() - cutAt;
    assertTrue(
        cluster.process(cut).waitFor(30, TimeUnit.SECONDS),
        minority + " was not fenced\n" + cluster.logs());
    Thread.sleep(200); // onExit's stamp
    // The minority fenced nobody: both majority nodes ran throughout.
    for (int i : majority) {
      assertTrue(
          cluster.process(i).isAlive(), "n" + i + " of the majority died\n" + cluster.logs());
    }
    AgentLog log = AgentLog.read(logDir);
    // The minority stopped what it ran, before it was fenced (no-quorum-policy=stop).
    Set<String> ranThere = new HashSet<>(List.of("dummy1", "cl1"));
    if (groupOn.equals(minority)) {
      ranThere.addAll(List.of("g1", "g2"));
    }
    for (String rsc : ranThere) {
      List<AgentLog.Event> events = log.of(rsc, minority);
      AgentLog.Event last = events.get(events.size() - 1);
      assertEquals("stop", last.change(), rsc + " on the minority: " + events);
      assertTrue(
          last.atMs() > cutAt && last.atMs() < poweredOff.get(minority).get(0), last.toString());
    }
    for (String rsc : List.of("dummy1", "g1", "g2")) {
      assertNull(log.overlap(rsc, poweredOff), rsc + " ran twice: " + log.events());
    }
    List<AgentLog.Event> onMinority = log.of("dummy1", minority);
    long stoppedAfter = onMinority.get(onMinority.size() - 1).atMs() - cutAt;
    long fencedAfter = poweredOff.get(minority).get(0) - cutAt;
    System.out.println(
        "crmd IT: partition: cut "
            + minority
            + "; it stopped dummy1 "
            + stoppedAfter
            + " ms later; fenced "
            + fencedAfter
            + " ms after the cut (5 s of it pcmk_delay_base); dummy1 running on "
            + moved
            + " "
            + tookOver
            + " ms after the cut");

    // Heal: the link comes back and the fenced node boots again (its agents' state is gone, as
    // /run is after a reboot). One DC, everyone joined, and one CIB.
    cluster.reconnect(cut);
    cluster.reboot(cut);
    String dc = cluster.awaitJoined();
    String sameCib = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline && sameCib == null) {
      Set<String> versions = new HashSet<>();
      for (int i = 1; i <= 3; i++) {
        try (CibClient c = cluster.cib(i)) {
          JsonNode st = c.status();
          versions.add(st.path("version").toString() + " " + st.path("digest").asText());
        } catch (RuntimeException e) {
          versions.add("unreadable on n" + i);
        }
      }
      if (versions.size() == 1) {
        sameCib = versions.iterator().next();
      }
      Thread.sleep(100);
    }
    assertTrue(sameCib != null, "the three CIBs did not converge\n" + cluster.logs());
    String status = cluster.statusSection(Integer.parseInt(dc.substring(1)));
    assertEquals(List.of(moved), StatusReading.startedOnAll(status, "dummy1"), status);
    AgentLog after = AgentLog.read(logDir);
    for (String rsc : List.of("dummy1", "g1", "g2")) {
      assertNull(after.overlap(rsc, poweredOff), rsc + " ran twice: " + after.events());
    }
    System.out.println("crmd IT: partition healed: DC " + dc + ", one CIB (" + sameCib + ")");
  }
}
