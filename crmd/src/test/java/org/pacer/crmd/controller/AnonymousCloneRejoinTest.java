package org.pacer.crmd.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.pacer.crmd.adapter.PengineScheduler;
import org.pacer.crmd.cib.StatusXml;
import org.pacer.crmd.graph.ActionKind;
import org.pacer.crmd.graph.GraphAction;
import org.pacer.crmd.graph.GraphParser;
import org.pacer.crmd.graph.ResourceRef;
import org.pacer.crmd.graph.TransitionGraph;
import org.pacer.crmd.history.LocalHistory;
import org.pacer.crmd.history.OpRecord;
import org.pacer.crmd.history.OpStatus;
import org.pacer.crmd.history.TransitionKey;
import org.pacer.crmd.transition.RunnerStep;
import org.pacer.crmd.transition.TransitionRunner;

/**
 * The DC's loop (pengine's graph, run in order, results recorded in the status section the way the
 * controller records them, the next graph computed from that) over an anonymous clone on three
 * nodes, with an executor that, like lrmd, knows resources only by the id it is given.
 *
 * <p>The bug this guards against (docs/reliability.md, formerly known bug 1): a node that left and
 * came back had its instance started as {@code sp:2} and its recurring monitor scheduled as {@code
 * sp:1} in the next graph; the executor held them as two resources, the monitor found "not
 * running", and the cluster stopped, started and monitored again for ever. Pacemaker's graph names
 * an anonymous instance by its base id ({@code <primitive id="sp" long-id="sp:2">}), so the
 * executor and the status section only ever see {@code sp}.
 */
class AnonymousCloneRejoinTest {

  private static final List<String> NODES = List.of("n1", "n2", "n3");
  private static final long T0 = 1_700_000_000L;

  /** What lrmd holds per node: running resources and recurring monitors, by executor id. */
  private final Map<String, Map<String, Boolean>> running = new TreeMap<>();

  private final Map<String, Map<String, Recurring>> recurring = new TreeMap<>();
  private final Map<String, LocalHistory> histories = new TreeMap<>();
  private final Set<String> online = new TreeSet<>(NODES);
  private final List<String> failures = new ArrayList<>();
  private final PengineScheduler scheduler = new PengineScheduler();
  private int transitionId;
  private int callId;
  private long clock = T0;

  /** A node whose start, once done, is followed by an abort (another change reached the DC). */
  private String abortAfterStartOn;

  private record Recurring(ResourceRef rsc, long intervalMs, String transitionKey, int lastRc) {}

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"n1", "n2", "n3"})
  void aNodeThatRejoinsRunsItsInstanceAndMonitorsItUnderOneId(String victim) throws Exception {
    for (String n : NODES) {
      running.put(n, new TreeMap<>());
      recurring.put(n, new TreeMap<>());
      histories.put(n, new LocalHistory());
    }
    assertTrue(settle(8), "the cluster settles after starting: " + failures);
    assertEquals(2, running.get(victim).size(), "an instance of each clone on " + victim);

    // The victim is fenced: its processes die, the DC erases its history, it is down.
    running.get(victim).clear();
    recurring.get(victim).clear();
    histories.put(victim, new LocalHistory());
    online.remove(victim);
    assertTrue(settle(8), "the cluster settles with " + victim + " down: " + failures);

    // It boots and joins with an empty history: probes, a start, and (after an abort) a monitor.
    online.add(victim);
    failures.clear();
    abortAfterStartOn = victim;
    assertTrue(settle(8), "the cluster settles after " + victim + " rejoined: " + failures);
    assertEquals(List.of(), failures, "no operation failed after the rejoin");
    int promoted = 0;
    for (String n : NODES) {
      Map<String, Boolean> up = running.get(n);
      assertEquals(Set.of("cp", "sp"), up.keySet(), "one instance of each runs on " + n);
      promoted += up.get("sp") ? 1 : 0;
      // (pengine does not cancel the unpromoted monitor when it promotes: it stays, answering 8.)
      Set<String> monitors = recurring.get(n).keySet();
      assertTrue(monitors.contains("cp_monitor_5000"), n + " monitors cp: " + monitors);
      assertTrue(
          monitors.contains(up.get("sp") ? "sp_monitor_4000" : "sp_monitor_5000"),
          n + " monitors sp in its role: " + monitors);
      assertTrue(monitors.stream().allMatch(m -> m.startsWith("cp_") || m.startsWith("sp_")));
    }
    assertEquals(1, promoted, "promoted-max 1");
    // The status section names them as Pacemaker's does: lrm_resource cp, cp_monitor_5000.
    String status = status();
    assertTrue(status.contains("<lrm_resource id=\"cp\""), status);
    assertTrue(status.contains("operation_key=\"cp_monitor_5000\""), status);
    assertTrue(!status.contains("cp:") && !status.contains("sp:"), "no instance number: " + status);
  }

  /**
   * Runs transitions until the scheduler has nothing left to do; false when it still has after
   * {@code max} of them (the loop never ends).
   */
  private boolean settle(int max) throws Exception {
    for (int i = 0; i < max; i++) {
      String xml = scheduler.compute(cib(), Instant.ofEpochSecond(clock), ++transitionId);
      TransitionGraph g = GraphParser.parse(xml);
      boolean work =
          g.synapses().stream()
              .anyMatch(
                  s -> s.actions().stream().anyMatch(a -> a.kind() != ActionKind.PSEUDO_EVENT));
      if (!work) {
        return true;
      }
      run(g);
      pollMonitors();
      clock += 10;
    }
    return false;
  }

  /** Runs the graph in its order, every action on its node's executor, as the DC would. */
  private void run(TransitionGraph g) {
    TransitionRunner runner = new TransitionRunner(g, 0);
    List<RunnerStep> pending = new ArrayList<>(runner.start());
    while (!pending.isEmpty()) {
      RunnerStep s = pending.remove(0);
      if (s instanceof RunnerStep.Dispatch d) {
        GraphAction a = d.action();
        if (a.kind() != ActionKind.RSC_OP) {
          pending.addAll(runner.confirm(a.id()));
          continue;
        }
        String key = new TransitionKey(a.id(), transitionId, a.targetRc(), "1").toString();
        int rc = execute(a.onNode(), a, key);
        if (rc == a.targetRc()) {
          pending.addAll(runner.confirm(a.id()));
          if (a.operation().equals("start") && a.onNode().equals(abortAfterStartOn)) {
            // The DC aborts at a safe point: the monitor comes in the next graph, from the
            // status section, where only the executor's id is known.
            pending.addAll(runner.abort("a node attribute changed"));
          }
        } else {
          failures.add(a.label() + " rc=" + rc);
          pending.addAll(runner.fail(a.id(), "rc=" + rc));
        }
      }
    }
  }

  /** lrmd's side: resources and monitors by the id in the graph's {@code <primitive id>}. */
  private int execute(String node, GraphAction a, String key) {
    ResourceRef rsc = a.resource();
    Map<String, Boolean> up = running.get(node);
    String op = a.operation();
    int rc;
    switch (op) {
      case "start" -> {
        up.put(rsc.id(), false);
        rc = OpStatus.RC_OK;
      }
      case "promote", "demote" -> {
        rc = up.containsKey(rsc.id()) ? OpStatus.RC_OK : OpStatus.RC_NOT_RUNNING;
        up.computeIfPresent(rsc.id(), (k, v) -> op.equals("promote"));
      }
      case "stop" -> {
        up.remove(rsc.id());
        recurring.get(node).keySet().removeIf(k -> k.startsWith(rsc.id() + "_"));
        rc = OpStatus.RC_OK;
      }
      case "cancel" -> {
        String monitor = a.attributes().getOrDefault("CRM_meta_operation", "monitor");
        recurring.get(node).remove(Controller.opKey(rsc.id(), monitor, a.intervalMs()));
        record(node, rsc, monitor, a.intervalMs(), 0, OpStatus.CANCELLED, "", "");
        return OpStatus.RC_OK;
      }
      case "monitor" -> {
        rc = monitor(up, rsc.id());
        if (a.intervalMs() > 0) {
          recurring
              .get(node)
              .put(
                  Controller.opKey(rsc.id(), op, a.intervalMs()),
                  new Recurring(rsc, a.intervalMs(), key, rc));
        }
      }
      default -> throw new AssertionError("unexpected operation " + a.label());
    }
    record(node, rsc, op, a.intervalMs(), rc, OpStatus.DONE, key, OpDigest.of(a.parameters()));
    return rc;
  }

  private static int monitor(Map<String, Boolean> up, String id) {
    Boolean promoted = up.get(id);
    if (promoted == null) {
      return OpStatus.RC_NOT_RUNNING;
    }
    return promoted ? OpStatus.RC_RUNNING_PROMOTED : OpStatus.RC_OK;
  }

  /** Recurring monitors report a changed result, as lrmd's do; a failure makes the DC act. */
  private void pollMonitors() {
    for (String node : NODES) {
      for (Map.Entry<String, Recurring> e : recurring.get(node).entrySet()) {
        Recurring m = e.getValue();
        int rc = monitor(running.get(node), m.rsc().id());
        if (rc != m.lastRc()) {
          failures.add(node + " " + e.getKey() + " rc=" + rc);
          e.setValue(new Recurring(m.rsc(), m.intervalMs(), m.transitionKey(), rc));
          record(
              node, m.rsc(), "monitor", m.intervalMs(), rc, OpStatus.DONE, m.transitionKey(), "");
        }
      }
    }
  }

  /** The record the controller makes of a result (Controller.onExecutorResult). */
  private void record(
      String node,
      ResourceRef rsc,
      String op,
      long interval,
      int rc,
      int status,
      String key,
      String digest) {
    histories
        .get(node)
        .record(
            rsc,
            new OpRecord(
                "",
                Controller.opKey(rsc.id(), op, interval),
                op,
                interval,
                ++callId,
                rc,
                status,
                key,
                clock,
                1,
                0,
                "",
                digest));
  }

  private String status() {
    StringBuilder s = new StringBuilder("<status>");
    for (int i = 0; i < NODES.size(); i++) {
      String node = NODES.get(i);
      String id = Integer.toString(i + 1);
      Map<String, String> state = new LinkedHashMap<>();
      boolean up = online.contains(node);
      state.put("in_ccm", up ? "true" : "false");
      state.put("crmd", up ? "online" : "offline");
      state.put("join", up ? "member" : "down");
      state.put("expected", up ? "member" : "down");
      s.append(StatusXml.nodeState(id, node, state).replace("/>", ">"));
      if (up) {
        s.append(StatusXml.lrm(id, histories.get(node).snapshot()));
        // What the agent's monitor sets with crm_master: any node may hold the promoted role.
        s.append(StatusXml.transientAttributes(id, Map.of("master-sp", "5")));
      }
      s.append("</node_state>");
    }
    return s.append("</status>").toString();
  }

  private static String primitive(String id, String moreOps) {
    return "<primitive id=\""
        + id
        + "\" class=\"ocf\" provider=\"pacer\" type=\"Logged\"><operations><op id=\""
        + id
        + "-mon\" name=\"monitor\" interval=\"5s\"/>"
        + moreOps
        + "</operations></primitive>";
  }

  private String cib() {
    StringBuilder nodes = new StringBuilder();
    for (int i = 0; i < NODES.size(); i++) {
      nodes.append("<node id=\"").append(i + 1).append("\" uname=\"").append(NODES.get(i));
      nodes.append("\"/>");
    }
    return "<cib crm_feature_set=\"3.16.1\" validate-with=\"pacemaker-3.7\" epoch=\"5\""
        + " num_updates=\"0\" admin_epoch=\"0\" have-quorum=\"1\" dc-uuid=\"1\">"
        + "<configuration><crm_config><cluster_property_set id=\"opts\">"
        + "<nvpair id=\"opts-stonith\" name=\"stonith-enabled\" value=\"false\"/>"
        + "</cluster_property_set></crm_config>"
        + "<nodes>"
        + nodes
        + "</nodes>"
        + "<resources><clone id=\"c1\">"
        + primitive("cp", "")
        + "</clone><clone id=\"s1\"><meta_attributes id=\"s1-meta\">"
        + "<nvpair id=\"s1-p\" name=\"promotable\" value=\"true\"/>"
        + "<nvpair id=\"s1-m\" name=\"promoted-max\" value=\"1\"/></meta_attributes>"
        + primitive(
            "sp", "<op id=\"sp-mon-p\" name=\"monitor\" interval=\"4s\" role=\"Promoted\"/>")
        + "</clone></resources><constraints/></configuration>"
        + status()
        + "</cib>";
  }
}
