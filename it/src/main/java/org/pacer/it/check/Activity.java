package org.pacer.it.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * When each resource was active (and promoted) on each node, rebuilt from the agents' logs: a start
 * opens an interval and a stop closes it; a node's power-off or a successful fencing of it closes
 * everything open there at that moment (a fenced node runs nothing). An interval still open ends at
 * {@link Long#MAX_VALUE}.
 */
public final class Activity {

  /** [from, to) on a node; {@code to} is {@link Long#MAX_VALUE} while it lasts. */
  public record Interval(String resource, String node, long from, long to, String how) {
    boolean overlaps(Interval o) {
      return from < o.to && o.from < to;
    }

    public boolean open() {
      return to == Long.MAX_VALUE;
    }
  }

  /** A fencing (or power-off) that took {@code node} down at {@code timeMs}. */
  public record NodeDown(String node, long timeMs, String why) {}

  private final List<Interval> active = new ArrayList<>();
  private final List<Interval> promoted = new ArrayList<>();

  private Activity() {}

  public static Activity of(List<AgentEvent> events, List<NodeDown> downs) {
    List<Object> timeline = new ArrayList<>(events);
    for (NodeDown d : downs) {
      timeline.add(d);
    }
    timeline.sort(
        (a, b) -> {
          long ta = a instanceof AgentEvent e ? e.timeMs() : ((NodeDown) a).timeMs();
          long tb = b instanceof AgentEvent e ? e.timeMs() : ((NodeDown) b).timeMs();
          return Long.compare(ta, tb);
        });
    Activity activity = new Activity();
    Map<String, Long> openActive = new HashMap<>();
    Map<String, Long> openPromoted = new HashMap<>();
    for (Object item : timeline) {
      if (item instanceof NodeDown d) {
        activity.closeNode(openActive, activity.active, d.node(), d.timeMs(), d.why());
        activity.closeNode(openPromoted, activity.promoted, d.node(), d.timeMs(), d.why());
        continue;
      }
      AgentEvent e = (AgentEvent) item;
      if (AgentEvent.OFF.equals(e.action())) {
        activity.closeNode(openActive, activity.active, e.node(), e.timeMs(), "power off");
        activity.closeNode(openPromoted, activity.promoted, e.node(), e.timeMs(), "power off");
        continue;
      }
      String key = e.resource() + "@" + e.node();
      switch (e.action()) {
        case "start" -> openActive.putIfAbsent(key, e.timeMs());
        case "stop" -> close(openActive, activity.active, key, e.timeMs(), "stop");
        case "promote" -> openPromoted.putIfAbsent(key, e.timeMs());
        case "demote" -> close(openPromoted, activity.promoted, key, e.timeMs(), "demote");
        default -> throw new IllegalArgumentException("unknown action in agent log: " + e);
      }
    }
    openActive.forEach((k, from) -> activity.active.add(interval(k, from, Long.MAX_VALUE, "open")));
    openPromoted.forEach(
        (k, from) -> activity.promoted.add(interval(k, from, Long.MAX_VALUE, "open")));
    return activity;
  }

  private static Interval interval(String key, long from, long to, String how) {
    int at = key.lastIndexOf('@');
    return new Interval(key.substring(0, at), key.substring(at + 1), from, to, how);
  }

  private static void close(
      Map<String, Long> open, List<Interval> into, String key, long to, String how) {
    Long from = open.remove(key);
    if (from != null) {
      into.add(interval(key, from, to, how));
    }
  }

  private void closeNode(
      Map<String, Long> open, List<Interval> into, String node, long to, String how) {
    for (String key : List.copyOf(open.keySet())) {
      if (key.endsWith("@" + node)) {
        close(open, into, key, to, how);
      }
    }
  }

  public List<Interval> active() {
    return List.copyOf(active);
  }

  public List<Interval> promoted() {
    return List.copyOf(promoted);
  }

  /** Where {@code resource} is active now (its open intervals). */
  public Set<String> activeNow(String resource) {
    Set<String> nodes = new TreeSet<>();
    active.stream()
        .filter(i -> i.open() && i.resource().equals(resource))
        .forEach(i -> nodes.add(i.node()));
    return nodes;
  }

  public Set<String> promotedNow(String resource) {
    Set<String> nodes = new TreeSet<>();
    promoted.stream()
        .filter(i -> i.open() && i.resource().equals(resource))
        .forEach(i -> nodes.add(i.node()));
    return nodes;
  }

  /** Pairs of intervals of {@code resource} on different nodes that overlap in time. */
  public List<String> overlaps(String resource) {
    List<Interval> of = active.stream().filter(i -> i.resource().equals(resource)).toList();
    List<String> found = new ArrayList<>();
    for (int i = 0; i < of.size(); i++) {
      for (int j = i + 1; j < of.size(); j++) {
        Interval a = of.get(i);
        Interval b = of.get(j);
        if (!a.node().equals(b.node()) && a.overlaps(b)) {
          found.add(
              resource
                  + " active on "
                  + a.node()
                  + " "
                  + span(a)
                  + " and on "
                  + b.node()
                  + " "
                  + span(b));
        }
      }
    }
    return found;
  }

  /** Moments when more than {@code max} instances of {@code resource} were promoted. */
  public List<String> promotedOver(String resource, int max) {
    List<Interval> of = promoted.stream().filter(i -> i.resource().equals(resource)).toList();
    List<String> found = new ArrayList<>();
    for (Interval i : of) {
      // The count is highest at some interval's beginning: check every beginning.
      List<Interval> at =
          of.stream().filter(o -> o.from() <= i.from() && i.from() < o.to()).toList();
      if (at.size() > max) {
        found.add(
            resource
                + " promoted on "
                + at.stream().map(Interval::node).toList()
                + " at "
                + i.from()
                + " (promoted-max "
                + max
                + ")");
      }
    }
    return found;
  }

  private static String span(Interval i) {
    return "[" + i.from() + ", " + (i.open() ? "still" : i.to() + " by " + i.how()) + ")";
  }
}
