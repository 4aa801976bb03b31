package org.pacer.membership.totem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Knows, per node and per link, when a packet last arrived. Heartbeats keep every link busy, so a
 * link silent for the heartbeat timeout is down, and a node whose every link is down is lost. This
 * tells the membership protocol <em>which</em> node stopped answering, so it need not wait out the
 * token and consensus timeouts to find out.
 */
final class LinkMonitor {

  private final int links;
  private final long timeoutMs;
  private final Map<Integer, long[]> lastHeard = new TreeMap<>();
  private final Map<Integer, boolean[]> up = new TreeMap<>();

  LinkMonitor(List<Integer> nodes, int self, int links, long timeoutMs) {
    this.links = links;
    this.timeoutMs = timeoutMs;
    for (int n : nodes) {
      if (n != self) {
        lastHeard.put(n, new long[links]);
        up.put(n, new boolean[links]);
      }
    }
  }

  /** Records a packet; returns the link change it causes, or null. */
  TotemEffect.LinkChange heard(int node, int link, long now) {
    long[] last = lastHeard.get(node);
    if (last == null || link < 0 || link >= links) {
      return null;
    }
    last[link] = now;
    boolean[] u = up.get(node);
    if (!u[link]) {
      u[link] = true;
      return new TotemEffect.LinkChange(node, link, true);
    }
    return null;
  }

  /** Marks links silent too long as down; returns the changes. */
  List<TotemEffect.LinkChange> check(long now) {
    List<TotemEffect.LinkChange> changes = new ArrayList<>();
    for (var e : up.entrySet()) {
      long[] last = lastHeard.get(e.getKey());
      boolean[] u = e.getValue();
      for (int l = 0; l < links; l++) {
        if (u[l] && now - last[l] > timeoutMs) {
          u[l] = false;
          changes.add(new TotemEffect.LinkChange(e.getKey(), l, false));
        }
      }
    }
    return changes;
  }

  /** Forgets a node that said it is leaving: all its links are down until it is heard again. */
  List<TotemEffect.LinkChange> forceDown(int node) {
    List<TotemEffect.LinkChange> changes = new ArrayList<>();
    boolean[] u = up.get(node);
    if (u != null) {
      for (int l = 0; l < links; l++) {
        if (u[l]) {
          u[l] = false;
          changes.add(new TotemEffect.LinkChange(node, l, false));
        }
      }
    }
    return changes;
  }

  boolean reachable(int node) {
    boolean[] u = up.get(node);
    if (u == null) {
      return true; // ourselves
    }
    for (boolean b : u) {
      if (b) {
        return true;
      }
    }
    return false;
  }

  boolean linkUp(int node, int link) {
    boolean[] u = up.get(node);
    return u != null && link < links && u[link];
  }

  int links() {
    return links;
  }
}
