package org.pacer.stonithd.coordination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pacer.cib.document.CibDocument;
import org.pacer.stonithd.config.CibFencingReader;
import org.pacer.stonithd.config.FencingConfig;

/**
 * Drives the fencing coordinators of 2 to 5 nodes through random requests, device failures and
 * hangs, crashes, fencing (which kills the target), partitions and heals, with seeded randomness,
 * and checks the invariants after each run. {@code -Dstonithd.sim.seeds=N} sets how many seeds run;
 * {@code -Dseed=N} replays one.
 */
class FencingSimulationTest {

  static final long WORKLOAD_MS = 60_000;

  @Test
  void randomClusters() {
    String one = System.getProperty("seed", "");
    List<Long> seeds = new ArrayList<>();
    if (!one.isBlank()) {
      seeds.add(Long.parseLong(one.trim()));
    } else {
      int count = Integer.getInteger("stonithd.sim.seeds", 500);
      for (long s = 1; s <= count; s++) {
        seeds.add(s);
      }
    }
    int operations = 0;
    int merges = 0;
    int takeovers = 0;
    for (long seed : seeds) {
      SimCluster sim;
      try {
        sim = run(seed);
      } catch (RuntimeException e) {
        fail("seed " + seed + " threw; replay with -Dseed=" + seed, e);
        return;
      }
      List<String> problems = check(sim);
      if (!problems.isEmpty()) {
        List<String> tail = sim.trace.subList(Math.max(0, sim.trace.size() - 40), sim.trace.size());
        fail(
            "seed "
                + seed
                + " broke the invariants (replay with -Dseed="
                + seed
                + "):\n  "
                + String.join("\n  ", problems.subList(0, Math.min(10, problems.size())))
                + "\nlast events:\n  "
                + String.join("\n  ", tail));
      }
      operations += sim.accepted.size();
      merges += (int) sim.finished.stream().filter(o -> !o.opId().equals(o.entry().opId())).count();
      takeovers +=
          (int)
              sim.finished.stream()
                  .filter(o -> o.entry().reason().contains("every member"))
                  .count();
    }
    System.out.printf(
        "fencing simulation: %d seeds, %d accepted operations, %d merged deliveries%n",
        seeds.size(), operations, merges);
    assertTrue(operations > seeds.size(), "the workload must produce operations");
  }

  static String cibFor(
      List<String> nodes,
      Random r,
      Map<String, SimCluster.DeviceBehaviour> behaviours,
      Map<String, Set<String>> targets,
      Map<String, Set<String>> bans) {
    StringBuilder res = new StringBuilder();
    StringBuilder cons = new StringBuilder();
    StringBuilder topo = new StringBuilder("<fencing-topology>");
    boolean pdu = r.nextBoolean();
    for (String n : nodes) {
      String id = "ipmi-" + n;
      String delay =
          r.nextInt(3) == 0
              ? CibFencingReaderTestSupport.nv("pcmk_delay_max", (1 + r.nextInt(3)) + "s")
              : "";
      res.append(
          CibFencingReaderTestSupport.primitive(
              id, CibFencingReaderTestSupport.nv("pcmk_host_list", n) + delay));
      targets.put(id, Set.of(n));
      behaviours.put(id, behaviour(r));
      if (r.nextInt(3) == 0) {
        String banned = nodes.get(r.nextInt(nodes.size()));
        cons.append("<rsc_location id=\"ban-")
            .append(id)
            .append("\" rsc=\"")
            .append(id)
            .append("\" node=\"")
            .append(banned)
            .append("\" score=\"-INFINITY\"/>");
        bans.put(id, Set.of(banned));
      }
      if (pdu && r.nextBoolean()) {
        topo.append("<fencing-level id=\"l1-")
            .append(n)
            .append("\" target=\"")
            .append(n)
            .append("\" index=\"1\" devices=\"")
            .append(id)
            .append("\"/>");
        topo.append("<fencing-level id=\"l2-")
            .append(n)
            .append("\" target=\"")
            .append(n)
            .append("\" index=\"2\" devices=\"pdu\"/>");
      }
    }
    if (pdu) {
      res.append(
          CibFencingReaderTestSupport.primitive(
              "pdu", CibFencingReaderTestSupport.nv("pcmk_host_check", "none")));
      behaviours.put("pdu", behaviour(r));
    }
    topo.append("</fencing-topology>");
    StringBuilder nodeXml = new StringBuilder();
    for (String n : nodes) {
      nodeXml.append("<node id=\"").append(n).append("\" uname=\"").append(n).append("\"/>");
    }
    return CibFencingReaderTestSupport.cib(
        nodeXml.toString(), res.toString(), cons.toString(), topo.toString());
  }

  private static SimCluster.DeviceBehaviour behaviour(Random r) {
    double fail = r.nextInt(3) == 0 ? 0.0 : r.nextDouble() * 0.4;
    double hang = r.nextInt(4) == 0 ? r.nextDouble() * 0.15 : 0.0;
    return new SimCluster.DeviceBehaviour(fail, hang, 10, 10 + r.nextInt(2000));
  }

  static SimCluster run(long seed) {
    Random r = new Random(seed * 7919 + 17);
    int size = 2 + r.nextInt(4);
    List<String> nodes = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      nodes.add("n" + i);
    }
    Map<String, SimCluster.DeviceBehaviour> behaviours = new LinkedHashMap<>();
    Map<String, Set<String>> targets = new HashMap<>();
    Map<String, Set<String>> bans = new HashMap<>();
    FencingConfig config =
        CibFencingReader.read(
            CibDocument.parse(cibFor(nodes, r, behaviours, targets, bans), "sim"));
    SimCluster sim = new SimCluster(seed, nodes, config, behaviours, targets, bans);
    sim.startAll();
    int requests = 3 + r.nextInt(6);
    long maxTimeout = 0;
    for (int i = 0; i < requests; i++) {
      long t = 100 + r.nextInt((int) WORKLOAD_MS);
      String origin = nodes.get(r.nextInt(size));
      String target = r.nextInt(12) == 0 ? "ghost" : nodes.get(r.nextInt(size));
      String action = r.nextInt(6) == 0 ? "off" : r.nextInt(10) == 0 ? "on" : "reboot";
      long timeout = 5_000 + r.nextInt(25_000);
      maxTimeout = Math.max(maxTimeout, timeout);
      String call = "c" + i;
      sim.at(t, () -> sim.request(origin, call, target, action, timeout, 0));
      if (r.nextInt(4) == 0) {
        // A second request for the same node shortly after: it must merge, not fence twice.
        String other = nodes.get(r.nextInt(size));
        sim.at(
            t + 1 + r.nextInt(200),
            () -> sim.request(other, call + "m", target, action, timeout, 0));
      }
    }
    for (int i = r.nextInt(3); i > 0; i--) {
      String victim = nodes.get(r.nextInt(size));
      long t = r.nextInt((int) WORKLOAD_MS);
      sim.at(t, () -> sim.crash(victim));
      if (r.nextBoolean()) {
        sim.at(t + 2_000 + r.nextInt(10_000), () -> sim.restart(victim, r.nextInt(size)));
      }
    }
    if (size >= 2 && r.nextInt(3) == 0) {
      Set<String> side = new HashSet<>();
      for (String n : nodes) {
        if (r.nextBoolean()) {
          side.add(n);
        }
      }
      long t = r.nextInt((int) WORKLOAD_MS);
      sim.at(t, () -> sim.partition(side));
      sim.at(t + 1_000 + r.nextInt(20_000), sim::heal);
    }
    if (r.nextInt(5) == 0) {
      String target = nodes.get(r.nextInt(size));
      sim.at(r.nextInt((int) WORKLOAD_MS), () -> sim.confirm(nodes.get(0), "confirm", target));
    }
    sim.runUntil(WORKLOAD_MS);
    // Settle: everyone back, one component, every deadline passed.
    sim.autoRestart = false;
    sim.runUntil(WORKLOAD_MS + maxTimeout + 5_000);
    sim.heal();
    for (int i = 0; i < size; i++) {
      sim.restart(nodes.get(i), 0);
    }
    sim.runUntil(WORKLOAD_MS + maxTimeout + 15_000);
    return sim;
  }

  static List<String> check(SimCluster sim) {
    List<String> problems = new ArrayList<>(sim.violations);
    // Each node incarnation reports each operation at most once.
    Set<String> seen = new HashSet<>();
    Map<String, HistoryEntry> entryById = new HashMap<>();
    for (SimCluster.Outcome o : sim.finished) {
      if (!seen.add(o.node() + "/" + o.incarnation() + "/" + o.opId())) {
        problems.add(o.node() + " reported " + o.opId() + " twice");
      }
      HistoryEntry prev = entryById.putIfAbsent(o.entry().opId(), o.entry());
      // Only the two halves of a partition may finish one operation differently (the history
      // then converges on one entry, checked below).
      if (prev != null && !prev.equals(o.entry()) && !sim.partitioned) {
        problems.add("nodes disagree on " + o.entry().opId() + ": " + prev + " vs " + o.entry());
      }
      // Only a device with pcmk_host_check=none (the pdu) claims a node nobody knows.
      if (o.entry().target().equals("ghost")
          && o.entry().state() == FenceState.SUCCESS
          && !o.entry().reason().contains("(pdu) succeeded")) {
        problems.add("fencing the unknown node succeeded: " + o.entry());
      }
      if (o.entry().state() == FenceState.SUCCESS
          && !o.entry().manual()
          && !o.entry().reason().contains("manual confirmation")) {
        boolean ran =
            sim.runs.stream()
                .anyMatch(
                    run ->
                        run.opId().equals(o.entry().opId())
                            && run.ok()
                            && run.target().equals(o.entry().target())
                            && run.at() <= o.entry().completedAt());
        if (!ran) {
          problems.add("success without a successful device run: " + o.entry());
        }
      }
    }
    // Every request accepted by a node that lived to the end got its answer, in time.
    for (Map.Entry<String, SimCluster.Accepted> e : sim.accepted.entrySet()) {
      SimCluster.Accepted a = e.getValue();
      SimCluster.Node n = sim.nodes.get(a.node());
      if (!n.alive || n.incarnation != a.incarnation()) {
        continue;
      }
      List<SimCluster.Outcome> answers =
          sim.finished.stream()
              .filter(
                  o ->
                      o.node().equals(a.node())
                          && o.incarnation() == a.incarnation()
                          && o.opId().equals(a.opId()))
              .toList();
      if (answers.isEmpty()) {
        problems.add(a.node() + " never answered " + e.getKey() + " (" + a.opId() + ")");
      } else if (a.timeoutMs() > 0 && answers.get(0).at() > a.at() + a.timeoutMs() + 1_000) {
        problems.add(
            a.node()
                + " answered "
                + a.opId()
                + " after "
                + (answers.get(0).at() - a.at())
                + " ms, beyond its timeout of "
                + a.timeoutMs()
                + " ms");
      }
    }
    // Every successful run that fenced a node is for an operation that finished successfully
    // or whose coordinator died with it.
    // All nodes end with the same history.
    Map<String, List<HistoryEntry>> histories = sim.histories();
    List<HistoryEntry> reference = null;
    String referenceNode = null;
    for (Map.Entry<String, List<HistoryEntry>> h : histories.entrySet()) {
      if (reference == null) {
        reference = h.getValue();
        referenceNode = h.getKey();
      } else if (!reference.equals(h.getValue())) {
        problems.add(
            "histories differ: "
                + referenceNode
                + " has "
                + ids(reference)
                + ", "
                + h.getKey()
                + " has "
                + ids(h.getValue()));
      }
    }
    return problems;
  }

  private static List<String> ids(List<HistoryEntry> entries) {
    return entries.stream().map(e -> e.opId() + ":" + e.state().word()).toList();
  }

  @Test
  void replayIsDeterministic() {
    SimCluster a = run(42);
    SimCluster b = run(42);
    assertEquals(a.trace, b.trace);
    assertEquals(a.finished, b.finished);
  }
}
