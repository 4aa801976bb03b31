package org.pacer.crmd.attrs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.pacer.crmd.message.CrmdMessage.AttrState;
import org.pacer.crmd.message.CrmdMessage.AttrSync;
import org.pacer.crmd.message.CrmdMessage.AttrUpdate;

/**
 * One member's replica of the cluster's transient node attributes (what Pacemaker's attrd holds).
 * Every member applies the same updates in the group's agreed order, so replicas agree.
 *
 * <p>After a view change, replicas that were apart may differ. Each node is the authority for its
 * own attributes: at the view change every member starts buffering updates for each node of the
 * view, that node broadcasts its own attributes as they stood at the view change ({@link
 * AttrSync}), and on delivery every member — the sender included — replaces that node's attributes
 * with the sync and replays the buffered updates. Because all members buffer and replay the same
 * updates in the same order, they end equal. Attributes of nodes that left the view are dropped:
 * they lived as long as the node's membership.
 */
public final class AttributeStore {

  /** Largest score; {@code INFINITY} in a value means this. */
  public static final long INFINITY = 1_000_000;

  private final Map<String, Map<String, AttrState>> byNode = new TreeMap<>();
  private final Map<String, List<AttrUpdate>> awaitingSync = new HashMap<>();
  private long viewId = -1;

  /** An attribute whose value (or dampening) changed, for the writer. */
  public record Change(String node, String name, AttrState state, boolean valueChanged) {}

  /**
   * Starts alignment for a new view.
   *
   * @return the sync this member must broadcast for its own attributes
   */
  public AttrSync viewChanged(long newViewId, Collection<String> members, String self) {
    viewId = newViewId;
    byNode.keySet().retainAll(new HashSet<>(members));
    awaitingSync.clear();
    for (String m : members) {
      awaitingSync.put(m, new ArrayList<>());
    }
    return new AttrSync(newViewId, self, Map.copyOf(byNode.getOrDefault(self, Map.of())));
  }

  /** Applies an update in group order; returns the change, or null when nothing changed. */
  public Change apply(AttrUpdate u) {
    List<AttrUpdate> buffer = awaitingSync.get(u.node());
    if (buffer != null) {
      buffer.add(u);
    }
    return applyNow(u);
  }

  private Change applyNow(AttrUpdate u) {
    Map<String, AttrState> attrs = byNode.computeIfAbsent(u.node(), k -> new TreeMap<>());
    AttrState old = attrs.get(u.name());
    String oldValue = old == null ? null : old.value();
    String value = u.value() == null ? oldValue : expand(u.name(), u.value(), oldValue);
    long dampen = u.dampenMs() != null ? u.dampenMs() : old == null ? 0 : old.dampenMs();
    String set = u.set() != null ? u.set() : old == null ? null : old.set();
    boolean isPrivate = old != null ? old.isPrivate() : u.isPrivate();
    AttrState now = new AttrState(value == null ? "" : value, dampen, set, isPrivate);
    if (now.equals(old)) {
      return null;
    }
    attrs.put(u.name(), now);
    boolean valueChanged = old == null ? !now.value().isEmpty() : !old.value().equals(now.value());
    return new Change(u.node(), u.name(), now, valueChanged);
  }

  /**
   * Applies a node's sync; returns the attributes whose values changed on this replica (the writer
   * rewrites those).
   */
  public List<Change> applySync(AttrSync sync) {
    List<Change> changes = new ArrayList<>();
    if (sync.viewId() != viewId) {
      return changes;
    }
    List<AttrUpdate> buffered = awaitingSync.remove(sync.node());
    if (buffered == null) {
      return changes;
    }
    Map<String, AttrState> before = new TreeMap<>(byNode.getOrDefault(sync.node(), Map.of()));
    byNode.put(sync.node(), new TreeMap<>(sync.attributes()));
    for (AttrUpdate u : buffered) {
      applyNow(u);
    }
    Map<String, AttrState> after = byNode.get(sync.node());
    Set<String> names = new HashSet<>(before.keySet());
    names.addAll(after.keySet());
    for (String name : names) {
      AttrState a = before.get(name);
      AttrState b = after.get(name);
      if (b != null && !b.equals(a)) {
        changes.add(new Change(sync.node(), name, b, a == null || !a.value().equals(b.value())));
      } else if (b == null) {
        changes.add(new Change(sync.node(), name, new AttrState("", 0, null, a.isPrivate()), true));
      }
    }
    return changes;
  }

  /** The value, or null when unset (an empty value counts as unset). */
  public String value(String node, String name) {
    AttrState s = byNode.getOrDefault(node, Map.of()).get(name);
    return s == null || s.value().isEmpty() ? null : s.value();
  }

  public AttrState state(String node, String name) {
    return byNode.getOrDefault(node, Map.of()).get(name);
  }

  /** All of a node's attributes (including unset and private ones). */
  public Map<String, AttrState> attributes(String node) {
    return Map.copyOf(byNode.getOrDefault(node, Map.of()));
  }

  public Set<String> nodes() {
    return Set.copyOf(byNode.keySet());
  }

  /**
   * Expands {@code NAME++} and {@code NAME+=N} (also spelled {@code value++}/{@code value+=N})
   * against the current value, saturating at INFINITY as scores do; anything else is the value.
   */
  public static String expand(String name, String value, String current) {
    String rest = null;
    if (value.startsWith(name + "+")) {
      rest = value.substring(name.length());
    } else if (value.startsWith("value+")) {
      rest = value.substring("value".length());
    }
    if (rest == null) {
      return value;
    }
    long delta;
    if (rest.equals("++")) {
      delta = 1;
    } else if (rest.startsWith("+=")) {
      Long d = score(rest.substring(2));
      if (d == null) {
        return value;
      }
      delta = d;
    } else {
      return value;
    }
    Long base = current == null || current.isEmpty() ? Long.valueOf(0) : score(current);
    if (base == null) {
      base = 0L;
    }
    long sum = base + delta;
    return formatScore(Math.max(-INFINITY, Math.min(INFINITY, sum)));
  }

  /** Reads a score: an integer or [+-]INFINITY; null when it is neither. */
  public static Long score(String text) {
    String t = text.trim();
    if (t.equalsIgnoreCase("INFINITY") || t.equalsIgnoreCase("+INFINITY")) {
      return INFINITY;
    }
    if (t.equalsIgnoreCase("-INFINITY")) {
      return -INFINITY;
    }
    try {
      long v = Long.parseLong(t);
      return Math.max(-INFINITY, Math.min(INFINITY, v));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  public static String formatScore(long v) {
    if (v >= INFINITY) {
      return "INFINITY";
    }
    if (v <= -INFINITY) {
      return "-INFINITY";
    }
    return Long.toString(v);
  }
}
