package org.pacer.membership.sim;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import org.pacer.membership.totem.RingId;
import org.pacer.membership.totem.RingSeqStore;
import org.pacer.membership.totem.TimerKind;
import org.pacer.membership.totem.TotemEffect;
import org.pacer.membership.totem.TotemPacket;
import org.pacer.membership.totem.TotemProtocol;
import org.pacer.membership.totem.TotemStatus;
import org.pacer.membership.totem.TotemTimeouts;

/**
 * A deterministic simulation of a totem cluster: a virtual clock, an event queue ordered by (time,
 * insertion), and one seeded random source for everything, so a seed replays exactly. Nodes are
 * numbered 1..n; index i of arrays is node i + 1.
 */
final class TotemSim {

  /** A node's hook into a test: what to do with each effect besides the network and timers. */
  interface Observer {
    void effect(int node, TotemEffect e, long now);
  }

  private record Event(long at, long order, Runnable action) {}

  final Random random;
  final int n;
  final int links;
  final TotemTimeouts timeouts;
  final SimNetwork net;
  final List<Integer> ids = new ArrayList<>();
  final TotemProtocol[] nodes;
  final boolean[] up;
  private final RingSeqStore[] seqStores;
  private final List<Map<TimerKind, Long>> timers = new ArrayList<>();
  private final int[] incarnation;
  private final PriorityQueue<Event> queue =
      new PriorityQueue<>(
          (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.order, b.order));
  private long order;
  long now;
  long packets;
  long traceFrom = -1;
  long events;
  final java.util.Map<String, Long> byType = new java.util.TreeMap<>();
  static final long EVENT_BUDGET = 20_000_000;
  Observer observer = (node, e, t) -> {};

  TotemSim(long seed, int n, int links, TotemTimeouts timeouts) {
    this.random = new Random(seed);
    this.n = n;
    this.links = links;
    this.timeouts = timeouts;
    this.net = new SimNetwork(n, links);
    for (int i = 1; i <= n; i++) {
      ids.add(i);
    }
    nodes = new TotemProtocol[n];
    up = new boolean[n];
    seqStores = new RingSeqStore[n];
    incarnation = new int[n];
    for (int i = 0; i < n; i++) {
      seqStores[i] = RingSeqStore.inMemory(); // kept across restarts: it stands for the disk
      timers.add(new EnumMap<>(TimerKind.class));
    }
  }

  void at(long time, Runnable action) {
    queue.add(new Event(Math.max(time, now), order++, action));
  }

  void start(int node) {
    int i = node - 1;
    incarnation[i]++;
    nodes[i] = new TotemProtocol(node, ids, links, timeouts, seqStores[i]);
    up[i] = true;
    timers.get(i).clear();
    apply(node, nodes[i].start(now));
  }

  int incarnation(int node) {
    return incarnation[node - 1];
  }

  void crash(int node) {
    up[node - 1] = false;
    nodes[node - 1] = null;
    timers.get(node - 1).clear();
  }

  void submit(int node, byte[] payload) {
    if (up[node - 1]) {
      apply(node, nodes[node - 1].submit(payload, now));
    }
  }

  void leave(int node) {
    if (up[node - 1]) {
      apply(node, nodes[node - 1].leave(now));
      crash(node);
    }
  }

  TotemStatus status(int node) {
    return up[node - 1] ? nodes[node - 1].status() : null;
  }

  /** Runs events until {@code until} (inclusive) or until the queue is empty. */
  void runUntil(long until, Runnable afterEach) {
    while (!queue.isEmpty() && queue.peek().at <= until) {
      if (++events > EVENT_BUDGET || queue.size() > 2_000_000) {
        throw new AssertionError(
            "event storm: "
                + events
                + " events, "
                + queue.size()
                + " queued at t="
                + now
                + ", packets sent by type "
                + byType);
      }
      Event e = queue.poll();
      now = e.at;
      e.action.run();
      afterEach.run();
    }
    now = Math.max(now, until);
  }

  private void apply(int node, List<TotemEffect> effects) {
    int i = node - 1;
    for (TotemEffect e : effects) {
      if (e instanceof TotemEffect.Send s) {
        for (int l = 0; l < links; l++) {
          transmit(node, s.to(), l, s.packet());
        }
      } else if (e instanceof TotemEffect.SendOnLink s) {
        transmit(node, s.to(), s.link(), s.packet());
      } else if (e instanceof TotemEffect.SetTimer t) {
        timers.get(i).put(t.kind(), t.at());
        TotemProtocol target = nodes[i];
        at(
            t.at(),
            () -> {
              Long due = timers.get(i).get(t.kind());
              if (nodes[i] == target && up[i] && due != null && due == t.at()) {
                timers.get(i).remove(t.kind());
                apply(node, target.onTimer(t.kind(), now));
              }
            });
      } else if (e instanceof TotemEffect.CancelTimer c) {
        timers.get(i).remove(c.kind());
      }
      observer.effect(node, e, now);
    }
  }

  private void transmit(int from, int to, int link, TotemPacket p) {
    if (!net.connected(from - 1, to - 1, link)) {
      return;
    }
    packets++;
    byType.merge(p.getClass().getSimpleName(), 1L, Long::sum);
    for (long d : net.delays(random)) {
      // A packet in flight reaches whatever incarnation of the node is up when it lands.
      at(
          now + d,
          () -> {
            if (up[to - 1] && net.connected(from - 1, to - 1, link)) {
              if (traceFrom >= 0 && now >= traceFrom && !(p instanceof TotemPacket.Heartbeat)) {
                System.out.println(now + " " + from + "->" + to + " " + p);
              }
              apply(to, nodes[to - 1].onPacket(link, p, now));
            }
          });
    }
  }

  /** True when every live node is operational in one ring whose members are all live nodes. */
  boolean converged() {
    RingId ring = null;
    List<Integer> live = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (up[i]) {
        live.add(i + 1);
      }
    }
    for (int node : live) {
      TotemStatus s = status(node);
      if (!s.state().equals("operational") || !s.members().equals(live)) {
        return false;
      }
      if (ring == null) {
        ring = s.ring();
      } else if (!ring.equals(s.ring())) {
        return false;
      }
    }
    return true;
  }
}
