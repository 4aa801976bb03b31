package org.pacer.crmd.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the test agent {@code ocf:pacer:Logged} wrote: one line per real state change, {@code <epoch
 * ms> <node> <resource> <start|stop|promote|demote>}, in {@code <dir>/<node>.log}. From it, when
 * each resource was active where; a node that was fenced (its processes killed) ran nothing after
 * that moment.
 */
final class AgentLog {

  record Event(long atMs, String node, String resource, String change) {}

  /** A resource active on a node from {@code fromMs} until {@code toMs} (exclusive). */
  record Interval(String resource, String node, long fromMs, long toMs) {}

  private final List<Event> events;

  private AgentLog(List<Event> events) {
    this.events = events;
  }

  static AgentLog read(Path dir) throws IOException {
    List<Event> events = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (var files = Files.list(dir)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".log")).toList()) {
          for (String line : Files.readAllLines(f)) {
            String[] w = line.trim().split("\\s+");
            if (w.length == 4) {
              events.add(new Event(Long.parseLong(w[0]), w[1], w[2], w[3]));
            }
          }
        }
      }
    }
    events.sort(Comparator.comparingLong(Event::atMs));
    return new AgentLog(events);
  }

  List<Event> events() {
    return events;
  }

  /** The events of one resource on one node. */
  List<Event> of(String resource, String node) {
    return events.stream()
        .filter(e -> e.resource().equals(resource) && e.node().equals(node))
        .toList();
  }

  /**
   * When {@code resource} was active where. {@code powerOffs} maps a node to the moments it was cut
   * off (fenced, killed): an interval still open then ends there; a start after one is the rebooted
   * node's.
   */
  List<Interval> intervals(String resource, Map<String, List<Long>> powerOffs) {
    List<Interval> out = new ArrayList<>();
    Map<String, Long> open = new HashMap<>();
    for (Event e : events) {
      if (!e.resource().equals(resource)) {
        continue;
      }
      Long from = open.remove(e.node());
      if (from != null) {
        // a stop ends it; a second start can only follow a power-off (the state was lost)
        long end = e.change().equals("start") ? Long.MAX_VALUE : e.atMs();
        out.add(new Interval(resource, e.node(), from, end(powerOffs, e.node(), from, end)));
      }
      if (e.change().equals("start")) {
        open.put(e.node(), e.atMs());
      }
    }
    open.forEach(
        (node, from) ->
            out.add(
                new Interval(resource, node, from, end(powerOffs, node, from, Long.MAX_VALUE))));
    return out;
  }

  /** The first power-off of {@code node} after {@code from} ends what ran there, if before stop. */
  private static long end(Map<String, List<Long>> powerOffs, String node, long from, long stop) {
    long end = stop;
    for (long off : powerOffs.getOrDefault(node, List.of())) {
      if (off >= from && off < end) {
        end = off;
      }
    }
    return end;
  }

  /** Two intervals of {@code resource} on different nodes that overlap, or null if none do. */
  String overlap(String resource, Map<String, List<Long>> powerOffs) {
    List<Interval> all = intervals(resource, powerOffs);
    for (int i = 0; i < all.size(); i++) {
      for (int j = i + 1; j < all.size(); j++) {
        Interval a = all.get(i);
        Interval b = all.get(j);
        if (!a.node().equals(b.node()) && a.fromMs() < b.toMs() && b.fromMs() < a.toMs()) {
          return a + " overlaps " + b;
        }
      }
    }
    return null;
  }
}
