package org.pacer.membership.sim;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import org.pacer.membership.config.ClusterConfig;
import org.pacer.membership.config.ClusterConfigReader;
import org.pacer.membership.config.ConfException;
import org.pacer.membership.node.MembershipNode;
import org.pacer.membership.node.NodeEffect;
import org.pacer.membership.totem.RingId;
import org.pacer.membership.totem.RingSeqStore;
import org.pacer.membership.totem.TimerKind;
import org.pacer.membership.totem.TotemEffect;
import org.pacer.membership.totem.TotemPacket;
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
    void effect(int node, NodeEffect e, long now);
  }

  private record Event(long at, long order, Runnable action) {}

  final Random random;
  final int n;
  final int links;
  final TotemTimeouts timeouts;
  final SimNetwork net;
  final List<Integer> ids = new ArrayList<>();
  final MembershipNode[] nodes;
  final ClusterConfig config;
  private final long[] lmsDue;
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
  final Replays replays;

  TotemSim(long seed, int n, int links, TotemTimeouts timeouts) {
    this(seed, n, links, timeouts, "");
  }

  /**
   * @param quorumOptions extra lines for the quorum section of the generated corosync.conf
   */
  TotemSim(long seed, int n, int links, TotemTimeouts timeouts, String quorumOptions) {
    this.config = conf(n, links, quorumOptions);
    this.lmsDue = new long[n];
    this.random = new Random(seed);
    this.replays = new Replays(seed);
    this.n = n;
    this.links = links;
    this.timeouts = timeouts;
    this.net = new SimNetwork(n, links);
    for (int i = 1; i <= n; i++) {
      ids.add(i);
    }
    nodes = new MembershipNode[n];
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
    nodes[i] = new MembershipNode(node, config, timeouts, seqStores[i]);
    up[i] = true;
    timers.get(i).clear();
    lmsDue[i] = 0;
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
      apply(node, nodes[node - 1].submitRaw(payload, now));
    }
  }

  /** Runs a request against a live node and carries out its effects. */
  void call(int node, java.util.function.Function<MembershipNode, List<NodeEffect>> request) {
    if (up[node - 1]) {
      apply(node, request.apply(nodes[node - 1]));
    }
  }

  void leave(int node) {
    if (up[node - 1]) {
      apply(node, nodes[node - 1].leave(now));
      crash(node);
    }
  }

  TotemStatus status(int node) {
    return up[node - 1] ? nodes[node - 1].ringStatus() : null;
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

  private void apply(int node, List<NodeEffect> effects) {
    int i = node - 1;
    for (NodeEffect ne : effects) {
      observer.effect(node, ne, now);
      if (ne instanceof NodeEffect.LmsTimer l) {
        lmsDue[i] = l.at();
        MembershipNode target = nodes[i];
        if (l.at() > 0) {
          at(
              l.at(),
              () -> {
                if (nodes[i] == target && up[i] && lmsDue[i] == l.at()) {
                  lmsDue[i] = 0;
                  apply(node, target.onLmsTimer(now));
                }
              });
        }
        continue;
      }
      if (!(ne instanceof NodeEffect.Totem te)) {
        continue;
      }
      TotemEffect e = te.effect();
      if (e instanceof TotemEffect.Send s) {
        for (int l = 0; l < links; l++) {
          transmit(node, s.to(), l, s.packet());
        }
      } else if (e instanceof TotemEffect.SendOnLink s) {
        transmit(node, s.to(), s.link(), s.packet());
      } else if (e instanceof TotemEffect.SetTimer t) {
        timers.get(i).put(t.kind(), t.at());
        MembershipNode target = nodes[i];
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
    }
  }

  /**
   * Hands {@code p} to node {@code to} on {@code link} now, as if it came from its sender's address
   * (a replayed packet: it authenticates, being one a member really sent).
   */
  void inject(int to, int link, TotemPacket p) {
    if (up[to - 1]) {
      if (traceFrom >= 0 && now >= traceFrom) {
        System.out.println(now + " replayed ->" + to + " " + p);
      }
      apply(to, nodes[to - 1].onPacket(link, p, now));
    }
  }

  /** Replays {@code count} captured packets now; returns how many there were to replay. */
  int replay(int count) {
    int done = 0;
    for (int i = 0; i < count; i++) {
      Replays.Captured c = replays.pick(n);
      if (c == null) {
        break;
      }
      inject(c.to(), c.link(), c.packet());
      done++;
    }
    return done;
  }

  private void transmit(int from, int to, int link, TotemPacket p) {
    if (!net.connected(from - 1, to - 1, link)) {
      return;
    }
    packets++;
    byType.merge(p.getClass().getSimpleName(), 1L, Long::sum);
    replays.captured(from, to, link, p);
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

  static ClusterConfig conf(int n, int links, String quorumOptions) {
    StringBuilder sb = new StringBuilder("totem {\n cluster_name: sim\n}\nnodelist {\n");
    for (int i = 1; i <= n; i++) {
      sb.append(" node {\n  nodeid: ").append(i).append("\n  name: n").append(i).append('\n');
      for (int l = 0; l < links; l++) {
        sb.append("  ring").append(l).append("_addr: 127.0.").append(l).append('.').append(i);
        sb.append('\n');
      }
      sb.append(" }\n");
    }
    sb.append("}\nquorum {\n provider: corosync_votequorum\n").append(quorumOptions);
    sb.append("\n}\n");
    try {
      return ClusterConfigReader.read("sim.conf", sb.toString());
    } catch (ConfException e) {
      throw new IllegalStateException(e);
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
