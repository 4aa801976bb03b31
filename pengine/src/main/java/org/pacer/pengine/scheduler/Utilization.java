package org.pacer.pengine.scheduler;

import java.util.Map;

/**
 * placement-strategy: "default" ignores utilization; "utilization" and "minimal" place only where
 * capacity remains; "balanced" also prefers the node with the most capacity left.
 */
final class Utilization {
  private final Cluster c;
  private final boolean enforced;
  private final boolean balanced;

  Utilization(Cluster c) {
    this.c = c;
    String s = c.placementStrategy;
    this.enforced = !"default".equals(s);
    this.balanced = "balanced".equals(s);
    if (enforced) {
      for (ClusterNode n : c.nodes) {
        n.remaining.clear();
        n.remaining.putAll(n.capacity);
      }
    }
  }

  /**
   * Whether a resource fits a node's remaining capacity, together with the not yet placed resources
   * that must run with it (mandatory colocations), since they will land there too.
   */
  boolean fits(ClusterNode n, Rsc r) {
    if (!enforced) {
      return true;
    }
    java.util.Set<Primitive> group = new java.util.LinkedHashSet<>();
    for (Primitive p : r.primitives()) {
      collect(p, group);
    }
    boolean anywhere = false;
    for (ClusterNode o : c.nodes) {
      // Only nodes the resource may run on at all can take the whole set.
      int w = r.weights[o.index];
      boolean allowed = w != Locations.ABSENT && w > org.pacer.pengine.model.Score.MINUS_INFINITY;
      if (allowed && o.canRunResources() && room(o, group)) {
        anywhere = true;
        break;
      }
    }
    if (!anywhere) {
      // The whole set fits nowhere: count only what is being placed right now.
      group.removeIf(p -> !r.primitives().contains(p) && !p.allocating);
    }
    return room(n, group);
  }

  private static boolean room(ClusterNode n, java.util.Set<Primitive> group) {
    Map<String, Integer> need = new java.util.HashMap<>();
    for (Primitive p : group) {
      for (Map.Entry<String, String> e : p.utilization.entrySet()) {
        need.merge(e.getKey(), Cluster.parseInt(e.getValue()), Integer::sum);
      }
    }
    for (Map.Entry<String, Integer> e : need.entrySet()) {
      if (e.getValue() > 0 && n.remaining.getOrDefault(e.getKey(), 0) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static void collect(Primitive p, java.util.Set<Primitive> out) {
    if (!out.add(p)) {
      return;
    }
    for (Coloc k : p.primaryOf) {
      if (k.score() >= org.pacer.pengine.model.Score.INFINITY
          && k.dependent() instanceof Primitive d
          && d.provisional
          && k.dependentRole() == null) {
        collect(d, out);
      }
    }
  }

  /** Whether a resource fits a node's full capacity (before anything is placed). */
  boolean fitsFresh(ClusterNode n, Rsc r) {
    if (!enforced) {
      return true;
    }
    for (Primitive p : r.primitives()) {
      for (Map.Entry<String, String> e : p.utilization.entrySet()) {
        int need = Cluster.parseInt(e.getValue());
        if (need > 0 && n.capacity.getOrDefault(e.getKey(), 0) < need) {
          return false;
        }
      }
    }
    return true;
  }

  void consume(ClusterNode n, Primitive p) {
    if (!enforced) {
      return;
    }
    for (Map.Entry<String, String> e : p.utilization.entrySet()) {
      int need = Cluster.parseInt(e.getValue());
      n.remaining.merge(e.getKey(), -need, Integer::sum);
    }
  }

  /** Negative when a has more free capacity than b (balanced only). */
  int compare(ClusterNode a, ClusterNode b) {
    if (!balanced) {
      return 0;
    }
    int score = 0;
    for (String k : c.nodes.isEmpty() ? java.util.Set.<String>of() : keys(a, b)) {
      int x = a.remaining.getOrDefault(k, 0);
      int y = b.remaining.getOrDefault(k, 0);
      if (x > y) {
        score--;
      } else if (x < y) {
        score++;
      }
    }
    return score;
  }

  private static java.util.Set<String> keys(ClusterNode a, ClusterNode b) {
    java.util.Set<String> s = new java.util.TreeSet<>(a.remaining.keySet());
    s.addAll(b.remaining.keySet());
    return s;
  }
}
