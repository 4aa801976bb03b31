package org.pacer.membership.totem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.pacer.membership.totem.TotemPacket.CommitToken;
import org.pacer.membership.totem.TotemPacket.Heartbeat;
import org.pacer.membership.totem.TotemPacket.Join;
import org.pacer.membership.totem.TotemPacket.Leave;
import org.pacer.membership.totem.TotemPacket.Mcast;
import org.pacer.membership.totem.TotemPacket.Message;
import org.pacer.membership.totem.TotemPacket.Token;
import org.pacer.membership.totem.TotemPacket.TokenAck;

/**
 * One node's totem single-ring protocol, as a pure state machine: every method takes an event and
 * the driver's current time, and returns the effects (packets, timers, deliveries, configuration
 * changes) the driver must carry out. No threads, sockets or clock reads.
 *
 * <p>The states (one class each, after the Totem SRP paper): {@link OperationalState} rotates the
 * token and delivers in agreed order; {@link GatherState} agrees on who is alive; {@link
 * CommitState} passes the commit token round to collect every member's old-ring progress; {@link
 * RecoveryState} exchanges the old rings' messages so every survivor delivers the same ones
 * (extended virtual synchrony) before the new ring is installed.
 *
 * <p>This class holds what outlives a state: the installed ring and its messages, the send queue,
 * the link monitor and the highest ring seq seen.
 */
public final class TotemProtocol {

  final int self;
  final List<Integer> nodes;
  final TotemTimeouts timeouts;
  private final RingSeqStore seqStore;
  final LinkMonitor links;
  final Framer framer = new Framer();
  final Assembler assembler = new Assembler();

  /**
   * Per node, the highest ring seq it is known to have reached: from its heartbeats and leaves, and
   * from every ring we installed with it as a member (it stored that seq before passing the commit
   * token on). Membership packets older than this are replays or stragglers.
   */
  private final Map<Integer, Long> knownRingSeq = new HashMap<>();

  private final TotemCounters counters = new TotemCounters();

  /** The ring whose messages we deliver (the last installed). */
  RingId ring;

  List<Integer> members;

  /** Singleton rings keep their messages here; others in their {@link TokenRing}. */
  MessageStore store;

  TokenRing tokenRing;
  long ringSeqHigh;

  /** The highest membership round heard of (see {@link Join}). */
  long roundSeen;

  ProtocolState state;
  long now;
  private List<TotemEffect> out = new ArrayList<>();
  private boolean stopped;

  /**
   * @param self this node's id
   * @param nodes every node of the nodelist, this one included
   * @param links how many links every node has
   */
  public TotemProtocol(
      int self, List<Integer> nodes, int links, TotemTimeouts timeouts, RingSeqStore seqStore) {
    this.self = self;
    this.nodes = List.copyOf(new TreeSet<>(nodes));
    if (!this.nodes.contains(self)) {
      throw new IllegalArgumentException("node " + self + " is not in the nodelist " + nodes);
    }
    this.timeouts = timeouts;
    this.seqStore = seqStore;
    this.links = new LinkMonitor(this.nodes, self, links, timeouts.heartbeatTimeoutMs());
  }

  // ---- events -------------------------------------------------------------------------------

  /** Starts the node: it has no ring yet and looks for others. */
  public List<TotemEffect> start(long now) {
    this.now = now;
    // A new seq of our own for the ring we start in, so it can never be mistaken for a ring we
    // were in before a restart (that one may still have survivors whose messages differ).
    ringSeqHigh = seqStore.load() + 1;
    seqStore.store(ringSeqHigh);
    ring = new RingId(ringSeqHigh, self);
    members = List.of(self);
    store = new MessageStore();
    setTimer(TimerKind.HEARTBEAT, 0);
    enterGather(Set.of());
    return drain();
  }

  public List<TotemEffect> onPacket(int link, TotemPacket p, long now) {
    this.now = now;
    if (stopped || p.sender() == self || !nodes.contains(p.sender())) {
      return drain();
    }
    TotemEffect.LinkChange change = links.heard(p.sender(), link, now);
    if (change != null) {
      out.add(change);
    }
    learnRingSeq(p);
    if (p instanceof Mcast m) {
      state.onMcast(m);
    } else if (p instanceof Token t) {
      state.onToken(t);
    } else if (p instanceof TokenAck a) {
      state.onTokenAck(a);
    } else if (p instanceof Join j) {
      // Every gather round is above every ring seq its node had reached, so a join whose round is
      // not above the ring we know its sender reached is from a finished gather (or a replay).
      if (j.round() <= knownRingSeq.getOrDefault(j.sender(), -1L)) {
        counters.stale++;
      } else {
        roundSeen = Math.max(roundSeen, j.round());
        state.onJoin(j);
      }
    } else if (p instanceof CommitToken c) {
      // Like the token, a commit token comes from our predecessor in its ring; a captured one
      // replayed to another member would run a second, stale, commit round.
      if (c.members().contains(self) && TokenRing.predecessor(c.members(), self) == c.sender()) {
        state.onCommitToken(c);
      } else {
        counters.stale++;
      }
    } else if (p instanceof Heartbeat h) {
      if (noteRingSeq(h.sender(), h.ring().seq())) {
        state.onHeartbeat(h);
      } else {
        counters.stale++;
      }
    } else if (p instanceof TotemPacket.Wake w) {
      state.onWake(w);
    } else if (p instanceof Leave l) {
      // A leave names the highest ring seq its sender reached: older than what we know it reached
      // means a replay, which must not make a healthy ring reform.
      if (noteRingSeq(l.sender(), l.ringSeq())) {
        out.addAll(links.forceDown(l.sender()));
        state.onLeave(l);
      } else {
        counters.stale++;
      }
    }
    return drain();
  }

  public List<TotemEffect> onTimer(TimerKind kind, long now) {
    this.now = now;
    if (stopped) {
      return drain();
    }
    if (kind == TimerKind.HEARTBEAT) {
      heartbeat();
    } else {
      state.onTimer(kind);
    }
    return drain();
  }

  /** Queues an application message for agreed-order delivery to every member. */
  public List<TotemEffect> submit(byte[] message, long now) {
    this.now = now;
    if (!stopped) {
      framer.submit(message);
      state.onSubmit();
    }
    return drain();
  }

  /** Leaves the ring gracefully: the others reform at once instead of timing us out. */
  public List<TotemEffect> leave(long now) {
    this.now = now;
    if (!stopped) {
      for (int n : nodes) {
        if (n != self) {
          send(n, new Leave(self, ringSeqHigh));
          send(n, new Leave(self, ringSeqHigh));
        }
      }
      for (TimerKind k : TimerKind.values()) {
        cancelTimer(k);
      }
      stopped = true;
    }
    return drain();
  }

  public TotemStatus status() {
    List<TotemStatus.Link> linkStates = new ArrayList<>();
    for (int n : nodes) {
      if (n != self) {
        for (int l = 0; l < links.links(); l++) {
          linkStates.add(new TotemStatus.Link(n, l, links.linkUp(n, l)));
        }
      }
    }
    return new TotemStatus(
        self,
        stopped ? "left" : state.name(),
        ring,
        members,
        linkStates,
        framer.pendingMessages(),
        counters.snapshot());
  }

  /** Bytes of application messages waiting to be sent (for backpressure). */
  public long queuedBytes() {
    return framer.pendingBytes();
  }

  public TotemCounters counters() {
    return counters;
  }

  // ---- services for the states -------------------------------------------------------------

  void send(int to, TotemPacket p) {
    out.add(new TotemEffect.Send(to, p));
  }

  /** To every other node of the nodelist: joins must reach nodes outside our ring too. */
  void sendToAll(TotemPacket p) {
    for (int n : nodes) {
      if (n != self) {
        send(n, p);
      }
    }
  }

  void sendToMembers(List<Integer> to, TotemPacket p) {
    for (int n : to) {
      if (n != self) {
        send(n, p);
      }
    }
  }

  void setTimer(TimerKind kind, long delay) {
    out.add(new TotemEffect.SetTimer(kind, now + delay));
  }

  void cancelTimer(TimerKind kind) {
    out.add(new TotemEffect.CancelTimer(kind));
  }

  void emit(TotemEffect e) {
    out.add(e);
  }

  TotemCounters count() {
    return counters;
  }

  /** Remembers the highest ring seq seen anywhere; persists it before we act on it. */
  void raiseRingSeq(long seq) {
    if (seq > ringSeqHigh) {
      ringSeqHigh = seq;
      seqStore.store(seq);
    }
  }

  /**
   * Ring packets show how far their sender got: whoever sends a token, message, acknowledgement or
   * wake of a ring has stored its seq, and so has every member whose progress a commit token
   * carries. (Heartbeats and leaves are checked against this before they count.)
   */
  private void learnRingSeq(TotemPacket p) {
    RingId r;
    if (p instanceof Mcast m) {
      r = m.ring();
    } else if (p instanceof Token t) {
      r = t.ring();
    } else if (p instanceof TokenAck a) {
      r = a.ring();
    } else if (p instanceof TotemPacket.Wake w) {
      r = w.ring();
    } else if (p instanceof CommitToken c) {
      r = c.ring();
    } else {
      return;
    }
    knownRingSeq.merge(p.sender(), r.seq(), Math::max);
    if (p instanceof CommitToken c) {
      for (TotemPacket.MemberInfo i : c.infos()) {
        knownRingSeq.merge(i.node(), r.seq(), Math::max);
      }
    }
  }

  /** False when the packet is older than one already seen from that node. */
  private boolean noteRingSeq(int node, long seq) {
    long known = knownRingSeq.getOrDefault(node, -1L);
    if (seq < known) {
      return false;
    }
    knownRingSeq.put(node, seq);
    return true;
  }

  void transition(ProtocolState next) {
    state = next;
    next.enter();
  }

  void enterGather(Set<Integer> failed) {
    cancelTimer(TimerKind.TOKEN_LOSS);
    cancelTimer(TimerKind.TOKEN_RETRANSMIT);
    cancelTimer(TimerKind.TOKEN_HOLD);
    framer.rewind();
    counters.gathers++;
    transition(new GatherState(this, failed));
  }

  /** Delivers the installed ring's messages that are contiguous and not yet delivered. */
  void deliverContiguous(MessageStore s) {
    long upTo = s.aru();
    for (long seq = s.delivered() + 1; seq <= upTo; seq++) {
      deliverOne(s, seq);
    }
  }

  private void deliverOne(MessageStore s, long seq) {
    Message m = s.get(seq);
    s.markDelivered(seq);
    if (m != null && m.ring().equals(ring)) {
      assembler.accept(
          m.origin(),
          m.frame(),
          (origin, payload) -> {
            counters.delivered++;
            out.add(new TotemEffect.Deliver(origin, payload));
          });
    }
  }

  /**
   * Installs a new ring (extended virtual synchrony): the old ring's messages every survivor can
   * deliver in the old configuration, the transitional configuration, the old ring's remaining
   * messages, then the regular configuration of the new ring.
   *
   * @param transitional members of the new ring that were in our old ring
   */
  void install(RingId newRing, List<Integer> newMembers, List<Integer> transitional, TokenRing tr) {
    MessageStore old = store;
    deliverContiguous(old);
    List<Integer> oldMembers = members;
    List<Integer> left = minus(oldMembers, transitional);
    out.add(new TotemEffect.ConfigChange(true, newRing, transitional, left, List.of()));
    for (long seq = old.delivered() + 1; seq <= old.highSeq(); seq++) {
      if (old.has(seq)) {
        deliverOne(old, seq);
      }
    }
    assembler.reset();
    ring = newRing;
    members = List.copyOf(newMembers);
    for (int m : members) {
      knownRingSeq.merge(m, newRing.seq(), Math::max);
    }
    tokenRing = tr;
    store = tr == null ? new MessageStore() : tr.store;
    counters.rings++;
    out.add(
        new TotemEffect.ConfigChange(
            false, newRing, members, minus(oldMembers, members), minus(members, transitional)));
    deliverContiguous(store);
  }

  static List<Integer> minus(List<Integer> a, List<Integer> b) {
    List<Integer> r = new ArrayList<>(a);
    r.removeAll(b);
    return r;
  }

  /** Sends heartbeats on every link and reports links that went quiet. */
  private void heartbeat() {
    Heartbeat hb = new Heartbeat(self, ring);
    for (int n : nodes) {
      if (n != self) {
        for (int l = 0; l < links.links(); l++) {
          out.add(new TotemEffect.SendOnLink(n, l, hb));
        }
      }
    }
    for (TotemEffect.LinkChange c : links.check(now)) {
      out.add(c);
      if (!links.reachable(c.node())) {
        state.onNodeLost(c.node());
      }
    }
    setTimer(TimerKind.HEARTBEAT, timeouts.heartbeatIntervalMs());
  }

  private List<TotemEffect> drain() {
    List<TotemEffect> r = out;
    out = new ArrayList<>();
    return r;
  }
}
