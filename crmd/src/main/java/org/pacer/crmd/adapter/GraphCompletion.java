package org.pacer.crmd.adapter;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pacer.pengine.graph.GraphAction;
import org.pacer.pengine.graph.TransitionGraph;
import org.pacer.pengine.model.Cib;
import org.pacer.pengine.model.ClusterOption;
import org.pacer.pengine.model.NodeState;
import org.pacer.pengine.model.NvSet;
import org.pacer.pengine.model.ResourceDef;
import org.pacer.pengine.rules.RuleContext;

/**
 * What Pacemaker's scheduler puts into a transition graph for the controller and pengine does not
 * (yet), computed from the same CIB at the same instant:
 *
 * <ul>
 *   <li>{@code CRM_meta_op_target_rc="7"} on every probe: a probe is expected to find nothing, so
 *       only one that finds the resource aborts the transition (without it every probe that found
 *       nothing aborted the transition once, which after a node loss delayed the fencing by a
 *       scheduler round);
 *   <li>a {@code clear_failcount} action for every resource whose failures on a node are older than
 *       its {@code failure-timeout} (pengine already ignores them for placement; this makes the
 *       fail count go away, as Pacemaker's does);
 *   <li>{@code recheck-by}: the earliest moment a failure that still counts expires, or {@code
 *       cluster-recheck-interval} from now when that comes first, so the DC asks again in time
 *       without reading the configuration itself;
 *   <li>{@code batch-limit} and {@code migration-limit} from the cluster options.
 * </ul>
 *
 * Pure: a CIB and an instant in, additions out.
 */
public final class GraphCompletion {

  /** A clear_failcount the graph needs: the failures of {@code resource} on {@code node}. */
  public record Expired(String node, String nodeId, ResourceDef.Primitive resource) {}

  /**
   * @param expired fail counts to clear now
   * @param recheckBy epoch seconds by which the scheduler should run again, 0 for never
   * @param batchLimit cluster option batch-limit (0: no limit)
   * @param migrationLimit cluster option migration-limit (-1: no limit)
   */
  public record Additions(
      List<Expired> expired, long recheckBy, int batchLimit, int migrationLimit) {}

  private GraphCompletion() {}

  public static Additions of(Cib cib, Instant now) {
    LocalDateTime local = LocalDateTime.ofInstant(now, ZoneId.systemDefault());
    Map<String, String> options = NvSet.resolve(cib.clusterProperties(), RuleContext.at(local));
    long nowSec = now.getEpochSecond();
    Map<String, ResourceDef.Primitive> primitives = new HashMap<>();
    Map<String, Long> timeouts = new HashMap<>();
    Map<String, String> defaults = NvSet.resolve(cib.rscDefaults(), RuleContext.at(local));
    for (ResourceDef r : cib.resources()) {
      collect(r, new LinkedHashMap<>(), defaults, local, primitives, timeouts);
    }
    List<Expired> expired = new ArrayList<>();
    long next = 0;
    for (NodeState node : cib.status()) {
      Map<String, Long> lastFailure = new LinkedHashMap<>();
      for (Map.Entry<String, String> a : node.transientAttributes().entrySet()) {
        String rsc = resourceOf(a.getKey(), "fail-count-");
        if (rsc != null && isPositive(a.getValue())) {
          lastFailure.putIfAbsent(rsc, 0L);
        }
      }
      for (Map.Entry<String, String> a : node.transientAttributes().entrySet()) {
        String rsc = resourceOf(a.getKey(), "last-failure-");
        if (rsc != null && lastFailure.containsKey(rsc)) {
          lastFailure.merge(rsc, parseLong(a.getValue()), Math::max);
        }
      }
      for (Map.Entry<String, Long> f : lastFailure.entrySet()) {
        ResourceDef.Primitive p = primitives.get(f.getKey());
        long timeoutMs = timeouts.getOrDefault(f.getKey(), 0L);
        if (p == null || timeoutMs <= 0 || f.getValue() <= 0) {
          continue;
        }
        // The same comparison as pengine's, at the same instant: what it ignores, we clear.
        long expiresMs = f.getValue() * 1000 + timeoutMs;
        if (expiresMs <= nowSec * 1000) {
          expired.add(new Expired(node.uname(), node.id(), p));
        } else {
          long expiresSec = (expiresMs + 999) / 1000;
          next = next == 0 ? expiresSec : Math.min(next, expiresSec);
        }
      }
    }
    long interval;
    try {
      interval = duration(options.get("cluster-recheck-interval"), 15 * 60_000);
    } catch (IllegalArgumentException e) {
      interval = 15 * 60_000; // pengine's option checks name the bad value; keep the default
    }
    if (interval > 0) {
      long byInterval = nowSec + Math.max(1, interval / 1000);
      next = next == 0 ? byInterval : Math.min(next, byInterval);
    }
    return new Additions(
        expired,
        next,
        (int) number(options.get("batch-limit"), 0),
        (int) number(options.get("migration-limit"), -1));
  }

  /**
   * The graph with probes expecting "not running" and a clear_failcount synapse (no inputs, no
   * wait) for each expired failure.
   */
  public static TransitionGraph completed(TransitionGraph graph, Additions additions) {
    List<TransitionGraph.Synapse> synapses = new ArrayList<>();
    for (TransitionGraph.Synapse s : graph.synapses()) {
      synapses.add(
          new TransitionGraph.Synapse(s.id(), probeExpectingNothing(s.action()), s.inputs()));
    }
    int nextSynapse = synapses.stream().mapToInt(TransitionGraph.Synapse::id).max().orElse(-1) + 1;
    int nextAction = 0;
    for (TransitionGraph.Synapse s : synapses) {
      nextAction = Math.max(nextAction, s.action().id() + 1);
      for (GraphAction in : s.inputs()) {
        nextAction = Math.max(nextAction, in.id() + 1);
      }
    }
    for (Expired e : additions.expired()) {
      ResourceDef.Primitive p = e.resource();
      Map<String, String> attrs = new LinkedHashMap<>();
      attrs.put("CRM_meta_on_node", e.node());
      attrs.put("CRM_meta_on_node_uuid", e.nodeId());
      attrs.put("CRM_meta_op_no_wait", "true");
      attrs.put("CRM_meta_timeout", "20000");
      GraphAction clear =
          new GraphAction(
              nextAction++,
              "crm_event",
              "clear_failcount",
              p.id() + "_clear_failcount_0",
              e.node(),
              e.nodeId(),
              p.id(),
              new String[] {p.cls(), p.provider(), p.type()},
              attrs);
      synapses.add(new TransitionGraph.Synapse(nextSynapse++, clear, List.of()));
    }
    return new TransitionGraph(
        graph.transitionId(), graph.clusterDelayMs(), graph.stonithTimeoutMs(), synapses);
  }

  private static GraphAction probeExpectingNothing(GraphAction a) {
    boolean probe =
        "rsc_op".equals(a.kind())
            && "monitor".equals(a.operation())
            && a.key() != null
            && a.key().endsWith("_monitor_0");
    if (!probe || a.attributes().containsKey("CRM_meta_op_target_rc")) {
      return a;
    }
    Map<String, String> attrs = new LinkedHashMap<>(a.attributes());
    attrs.put("CRM_meta_op_target_rc", "7");
    return a.withAttributes(attrs);
  }

  /** The graph XML's root element with recheck-by, batch-limit and migration-limit added. */
  public static String withRootAttributes(String graphXml, Additions additions) {
    String root = "<transition_graph ";
    int at = graphXml.indexOf(root);
    if (at < 0) {
      return graphXml;
    }
    StringBuilder attrs = new StringBuilder();
    attrs.append("batch-limit=\"").append(additions.batchLimit()).append("\" ");
    if (additions.migrationLimit() >= 0) {
      attrs.append("migration-limit=\"").append(additions.migrationLimit()).append("\" ");
    }
    if (additions.recheckBy() > 0) {
      attrs.append("recheck-by=\"").append(additions.recheckBy()).append("\" ");
    }
    int after = at + root.length();
    return graphXml.substring(0, after) + attrs + graphXml.substring(after);
  }

  /**
   * Every primitive under {@code r} with its failure-timeout: its own meta first, then its
   * parents', then rsc_defaults (the order Pacemaker resolves meta attributes in).
   */
  private static void collect(
      ResourceDef r,
      Map<String, String> inherited,
      Map<String, String> defaults,
      LocalDateTime now,
      Map<String, ResourceDef.Primitive> primitives,
      Map<String, Long> timeouts) {
    Map<String, String> meta = NvSet.resolve(r.meta(), RuleContext.at(now));
    inherited.forEach(meta::putIfAbsent);
    if (r instanceof ResourceDef.Primitive p) {
      defaults.forEach(meta::putIfAbsent);
      primitives.put(p.id(), p);
      long ms;
      try {
        ms = duration(meta.get("failure-timeout"), 0);
      } catch (IllegalArgumentException e) {
        ms = 0; // pengine warns about it and ignores it; so do we
      }
      timeouts.put(p.id(), ms);
    } else if (r instanceof ResourceDef.Group g) {
      for (ResourceDef.Primitive child : g.children()) {
        collect(child, meta, defaults, now, primitives, timeouts);
      }
    } else if (r instanceof ResourceDef.Clone c) {
      collect(c.child(), meta, defaults, now, primitives, timeouts);
    }
    // a bundle is not scheduled by pengine: no expired failures of it to act on
  }

  /**
   * The resource of a {@code fail-count-RSC#OP_INTERVAL} (or {@code fail-count-RSC}) attribute,
   * without a clone instance number; null for other attributes.
   */
  static String resourceOf(String attribute, String prefix) {
    if (!attribute.startsWith(prefix)) {
      return null;
    }
    String rest = attribute.substring(prefix.length());
    int hash = rest.indexOf('#');
    String rsc = hash < 0 ? rest : rest.substring(0, hash);
    int colon = rsc.indexOf(':');
    return colon < 0 ? rsc : rsc.substring(0, colon);
  }

  private static boolean isPositive(String v) {
    if (v == null || v.isBlank()) {
      return false;
    }
    String t = v.trim().toUpperCase(java.util.Locale.ROOT);
    if (t.equals("INFINITY") || t.equals("+INFINITY")) {
      return true;
    }
    return parseLong(t) > 0;
  }

  private static long parseLong(String v) {
    try {
      return Long.parseLong(v.trim());
    } catch (RuntimeException e) {
      return 0;
    }
  }

  private static long number(String v, long otherwise) {
    if (v == null || v.isBlank()) {
      return otherwise;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  private static long duration(String v, long otherwise) {
    return v == null || v.isBlank() ? otherwise : ClusterOption.parseDurationMs(v);
  }
}
