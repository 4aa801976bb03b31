package org.pacer.crmd.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.pacer.crmd.attrs.AttributeStore;
import org.pacer.crmd.graph.GraphXml;
import org.pacer.crmd.history.OpRecord;
import org.pacer.crmd.history.ResourceHistory;

/**
 * A small, conservative policy engine for the simulation: primitives that may run on any node,
 * probes before starts, fencing of unclean nodes (and of nodes whose stop failed) before their
 * resources start elsewhere, recovery of failed resources, a migration threshold of 3, and
 * no-quorum-policy stop/freeze/suicide. It writes Pacemaker's graph XML, so the controller under
 * test parses and runs what a real scheduler would hand it. It stands in for pengine, which is
 * built separately; it is test code and is not how pengine places resources.
 */
final class FakeScheduler {

  static final int MIGRATION_THRESHOLD = 3;

  enum State {
    UNKNOWN,
    PENDING,
    STOPPED,
    ACTIVE,
    FAILED,
    STOP_FAILED
  }

  private final List<String> nodes;
  private final List<String> resources;
  private final String noQuorumPolicy;

  FakeScheduler(List<String> nodes, List<String> resources, String noQuorumPolicy) {
    this.nodes = List.copyOf(nodes);
    this.resources = List.copyOf(resources);
    this.noQuorumPolicy = noQuorumPolicy;
  }

  static State state(ResourceHistory h) {
    if (h == null) {
      return State.UNKNOWN;
    }
    OpRecord last = null;
    boolean recurringFailed = false;
    for (OpRecord op : h.ops()) {
      if (op.pending()) {
        return State.PENDING;
      }
      if (op.id().endsWith("_last_0")) {
        last = op;
      } else if (!op.id().endsWith("_last_failure_0") && op.intervalMs() > 0 && !op.succeeded()) {
        recurringFailed = true;
      }
    }
    if (last == null) {
      return State.UNKNOWN;
    }
    State s =
        switch (last.operation()) {
          case "start" -> last.succeeded() ? State.ACTIVE : State.FAILED;
          case "stop" -> last.succeeded() ? State.STOPPED : State.STOP_FAILED;
          case "monitor" ->
              last.opStatus() != 0
                  ? State.FAILED
                  : last.rcCode() == 0
                      ? State.ACTIVE
                      : last.rcCode() == 7 ? State.STOPPED : State.FAILED;
          default -> State.UNKNOWN;
        };
    return s == State.ACTIVE && recurringFailed ? State.FAILED : s;
  }

  static boolean online(SimCib cib, String node) {
    Map<String, String> ns = cib.nodeState.get(node);
    return ns != null
        && "true".equals(ns.get("in_ccm"))
        && "online".equals(ns.get("crmd"))
        && "member".equals(ns.get("join"));
  }

  /** Lost while expected up, or never seen at all (startup-fencing, Pacemaker's default). */
  static boolean unclean(SimCib cib, String node) {
    Map<String, String> ns = cib.nodeState.get(node);
    if (ns == null) {
      return true;
    }
    return "false".equals(ns.get("in_ccm")) && "member".equals(ns.get("expected"));
  }

  static State stateOn(SimCib cib, String node, String rsc) {
    return state(cib.lrm.getOrDefault(node, Map.of()).get(rsc));
  }

  boolean banned(SimCib cib, String node, String rsc) {
    long sum = 0;
    for (var e : cib.transientAttrs.getOrDefault(node, Map.of()).entrySet()) {
      if (e.getKey().startsWith("fail-count-" + rsc + "#")) {
        Long v = AttributeStore.score(e.getValue());
        sum += v == null ? 0 : v;
      }
    }
    return sum >= MIGRATION_THRESHOLD;
  }

  String compute(SimCib cib) {
    GraphXml g = new GraphXml();
    int[] id = {1};
    boolean quorate = "1".equals(cib.cibAttrs.get("have-quorum"));
    List<String> online = nodes.stream().filter(n -> online(cib, n)).toList();
    if (!quorate) {
      if (noQuorumPolicy.equals("suicide")) {
        for (String n : online) {
          g.fence(id[0]++, n);
        }
        return g.xml();
      }
      for (String r : resources) {
        for (String n : online) {
          State st = stateOn(cib, n, r);
          if (st == State.UNKNOWN) {
            g.op(id[0]++, r, "monitor", 0, n);
          } else if (noQuorumPolicy.equals("stop")
              && (st == State.ACTIVE || st == State.FAILED || st == State.STOP_FAILED)) {
            g.op(id[0]++, r, "stop", 0, n);
          }
        }
      }
      return g.xml();
    }
    Map<String, Integer> fencing = new HashMap<>();
    for (String n : nodes) {
      boolean stopFailed = false;
      for (String r : resources) {
        stopFailed |= online.contains(n) && stateOn(cib, n, r) == State.STOP_FAILED;
      }
      if (unclean(cib, n) || stopFailed) {
        fencing.put(n, id[0]);
        g.fence(id[0]++, n);
      }
    }
    List<String> usable = online.stream().filter(n -> !fencing.containsKey(n)).toList();
    Map<String, List<Integer>> stopsOn = new HashMap<>();
    boolean waiting = false;
    for (String r : resources) {
      waiting |= !place(cib, g, id, r, usable, fencing, stopsOn);
    }
    // A node asked to shut down goes once its resources are stopped (in this graph or before).
    for (String n : usable) {
      if (shuttingDown(cib, n) && !waiting) {
        List<Integer> stops = stopsOn.getOrDefault(n, List.of());
        g.shutdown(id[0]++, n, stops.stream().mapToInt(Integer::intValue).toArray());
      }
    }
    return g.xml();
  }

  static boolean shuttingDown(SimCib cib, String node) {
    String v = cib.transientAttrs.getOrDefault(node, Map.of()).get("shutdown");
    return v != null && !v.isEmpty() && !v.equals("0");
  }

  /** Places one resource; false when it must wait for an operation in flight. */
  private boolean place(
      SimCib cib,
      GraphXml g,
      int[] id,
      String r,
      List<String> usable,
      Map<String, Integer> fencing,
      Map<String, List<Integer>> stopsOn) {
    Map<String, State> st = new HashMap<>();
    List<Integer> probes = new ArrayList<>();
    boolean pending = false;
    for (String n : usable) {
      State s = stateOn(cib, n, r);

      st.put(n, s);
      if (s == State.UNKNOWN) {
        // Probed even on its way out: a node leaves cleanly only when nothing runs there.
        stopsOn.computeIfAbsent(n, k -> new ArrayList<>()).add(id[0]);
        probes.add(id[0]);
        g.op(id[0]++, r, "monitor", 0, n);
      }
      pending |= s == State.PENDING;
    }
    if (pending) {
      return false; // an operation is in flight: wait for its result
    }
    // requires=fencing (Pacemaker's default with fencing enabled): a resource starts only once
    // every unclean node is fenced, since what such a node runs is not known for sure.
    List<Integer> fences = new ArrayList<>(fencing.values());
    TreeSet<String> eligible = new TreeSet<>();
    TreeSet<String> healthy = new TreeSet<>();
    for (String n : usable) {
      if (!banned(cib, n, r) && !shuttingDown(cib, n)) {
        eligible.add(n);
        if (st.get(n) == State.ACTIVE) {
          healthy.add(n);
        }
      }
    }
    String target = healthy.isEmpty() ? choose(eligible, r) : healthy.first();
    List<Integer> stops = new ArrayList<>();
    for (String n : usable) {
      State s = st.get(n);
      boolean active = s == State.ACTIVE || s == State.FAILED;
      if (active && (!n.equals(target) || s == State.FAILED)) {
        stops.add(id[0]);
        stopsOn.computeIfAbsent(n, k -> new ArrayList<>()).add(id[0]);
        g.op(id[0]++, r, "stop", 0, n);
      }
    }
    if (target == null) {
      return true;
    }
    if (st.get(target) == State.ACTIVE) {
      ResourceHistory h = cib.lrm.getOrDefault(target, Map.of()).get(r);
      boolean monitored = h.ops().stream().anyMatch(op -> op.intervalMs() > 0);
      if (!monitored) {
        g.op(id[0]++, r, "monitor", 10000, target);
      }
      return true;
    }
    List<Integer> inputs = new ArrayList<>(stops);
    inputs.addAll(probes);
    inputs.addAll(fences);
    int start = id[0]++;
    g.op(start, r, "start", 0, target, inputs.stream().mapToInt(Integer::intValue).toArray());
    g.op(id[0]++, r, "monitor", 10000, target, start);
    return true;
  }

  private static String choose(TreeSet<String> eligible, String r) {
    if (eligible.isEmpty()) {
      return null;
    }
    List<String> list = new ArrayList<>(eligible);
    return list.get(Math.floorMod(r.hashCode(), list.size()));
  }
}
