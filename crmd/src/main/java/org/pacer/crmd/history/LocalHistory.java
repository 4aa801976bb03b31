package org.pacer.crmd.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pacer.crmd.graph.ResourceRef;

/**
 * The operation history of one node, kept the way the status section records it: per resource the
 * last one-shot operation ({@code _last_0}), the last failure ({@code _last_failure_0}) and each
 * recurring operation ({@code _monitor_INTERVAL}). Pending operations are recorded as they are sent
 * to the executor, so a DC elected while they run sees that the resource may be active.
 */
public final class LocalHistory {

  private final Map<String, Entry> resources = new TreeMap<>();

  private static final class Entry {
    ResourceRef resource;
    final Map<String, OpRecord> ops = new LinkedHashMap<>();
  }

  public LocalHistory() {}

  public LocalHistory(List<ResourceHistory> initial) {
    for (ResourceHistory h : initial) {
      Entry e = entry(h.resource());
      for (OpRecord op : h.ops()) {
        e.ops.put(op.id(), op);
      }
    }
  }

  /**
   * Records an operation (pending or finished) and returns the entries it changed, for the status
   * section.
   */
  public List<OpRecord> record(ResourceRef rsc, OpRecord op) {
    Entry e = entry(rsc);
    List<OpRecord> changed = new ArrayList<>();
    String id = rsc.id();
    if (op.intervalMs() > 0) {
      String key = id + "_" + op.operation() + "_" + op.intervalMs();
      if (op.opStatus() == OpStatus.CANCELLED) {
        e.ops.remove(key);
        return changed;
      }
      OpRecord rec = op.withId(key);
      e.ops.put(key, rec);
      changed.add(rec);
    } else {
      OpRecord rec = op.withId(id + "_last_0");
      e.ops.put(rec.id(), rec);
      changed.add(rec);
      if (op.operation().equals("stop") && op.succeeded()) {
        // A stopped resource has no recurring operations left.
        e.ops.keySet().removeIf(k -> !k.equals(id + "_last_0") && !k.endsWith("_last_failure_0"));
      }
    }
    if (!op.pending() && !op.succeeded() && !isExpectedProbeResult(op)) {
      OpRecord failure = op.withId(id + "_last_failure_0");
      e.ops.put(failure.id(), failure);
      changed.add(failure);
    }
    return changed;
  }

  /** A probe finding a resource running or stopped is information, not a failure. */
  private static boolean isExpectedProbeResult(OpRecord op) {
    boolean probe = op.operation().equals("monitor") && op.intervalMs() == 0;
    return probe
        && op.opStatus() == OpStatus.DONE
        && (op.rcCode() == OpStatus.RC_OK
            || op.rcCode() == OpStatus.RC_NOT_RUNNING
            || op.rcCode() == OpStatus.RC_RUNNING_PROMOTED);
  }

  /** Replaces what is known of one resource (another node's report, at the DC). */
  public void replace(ResourceHistory h) {
    Entry e = entry(h.resource());
    e.ops.clear();
    for (OpRecord op : h.ops()) {
      e.ops.put(op.id(), op);
    }
  }

  /** Forgets a resource (cleanup/refresh); the scheduler will probe it again. */
  public boolean forget(String rscId) {
    return resources.remove(rscId) != null;
  }

  public void clear() {
    resources.clear();
  }

  public List<ResourceHistory> snapshot() {
    List<ResourceHistory> out = new ArrayList<>();
    for (Entry e : resources.values()) {
      out.add(new ResourceHistory(e.resource, new ArrayList<>(e.ops.values())));
    }
    return out;
  }

  public ResourceHistory get(String rscId) {
    Entry e = resources.get(rscId);
    return e == null ? null : new ResourceHistory(e.resource, new ArrayList<>(e.ops.values()));
  }

  private Entry entry(ResourceRef rsc) {
    Entry e = resources.computeIfAbsent(rsc.id(), k -> new Entry());
    e.resource = rsc;
    return e;
  }
}
