package org.pacer.membership.totem;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.pacer.membership.totem.TotemPacket.CommitToken;
import org.pacer.membership.totem.TotemPacket.Join;
import org.pacer.membership.totem.TotemPacket.Mcast;

/**
 * Gather: members exchange joins (who they believe alive, who failed) until every node they believe
 * alive sends back exactly the same two sets. The lowest id among them then creates the commit
 * token. A node whose every link is down goes into the failed set at once (that is what makes
 * failure detection faster than waiting for consensus); one that is merely silent goes in when the
 * consensus timeout expires.
 */
final class GatherState extends ProtocolState {

  private final TreeSet<Integer> procs = new TreeSet<>();
  private final TreeSet<Integer> fails = new TreeSet<>();
  private final Set<Integer> consensus = new HashSet<>();
  private final long startedAt;
  private final Set<Integer> initiallyFailed;
  private long round;
  private long lastJoinAt = -1;
  private boolean agreed;

  GatherState(TotemProtocol p, Set<Integer> failed) {
    super(p);
    startedAt = p.now;
    procs.add(p.self);
    procs.addAll(p.members);
    for (int n : p.nodes) {
      if (p.links.reachable(n)) {
        procs.add(n);
      }
    }
    procs.addAll(failed);
    initiallyFailed = Set.copyOf(failed);
    resetFails();
    round = Math.max(p.ringSeqHigh, p.roundSeen) + 1;
    p.roundSeen = round;
    // Stored before our first join leaves: after a restart this node's rounds and rings are above
    // every round it ever started, so receivers can tell its old joins from new ones for good.
    p.raiseRingSeq(round);
  }

  private void resetFails() {
    fails.clear();
    fails.addAll(initiallyFailed);
    for (int n : procs) {
      if (!p.links.reachable(n)) {
        fails.add(n);
      }
    }
    fails.remove(p.self);
  }

  @Override
  String name() {
    return "gather";
  }

  @Override
  void enter() {
    consensus.clear();
    consensus.add(p.self);
    sendJoin();
    p.setTimer(TimerKind.JOIN, p.timeouts.joinMs());
    p.setTimer(TimerKind.CONSENSUS, p.timeouts.consensusMs());
  }

  private void sendJoin() {
    if (lastJoinAt == p.now) {
      // Several changes in one instant: one join for all of them, a moment later.
      p.setTimer(TimerKind.JOIN, 1);
      return;
    }
    lastJoinAt = p.now;
    p.sendToAll(new Join(p.self, procs, fails, round));
  }

  @Override
  void onMcast(Mcast m) {
    acceptOldRing(m);
  }

  @Override
  void onJoin(Join j) {
    int s = j.sender();
    if (j.round() < round) {
      return; // a round that is over; its sender will adopt ours when our join reaches it
    }
    boolean changed = false;
    if (j.round() > round) {
      // A newer round: what we concluded in ours may rest on stale joins, so start over.
      round = j.round();
      procs.add(s);
      resetFails();
      changed = true;
    }
    if (fails.contains(s)) {
      if (changed) {
        restartRound();
      }
      return;
    }
    changed |= procs.add(s);
    if (j.fails().contains(p.self)) {
      // It believes we failed: it cannot be in our ring this round.
      changed |= fails.add(s);
    } else {
      for (int n : j.procs()) {
        changed |= procs.add(n);
      }
      for (int n : j.fails()) {
        changed |= fails.add(n);
      }
      for (int n : procs) {
        if (n != p.self && !p.links.reachable(n)) {
          changed |= fails.add(n);
        }
      }
    }
    if (changed) {
      restartRound();
    }
    if (!fails.contains(s) && j.procs().equals(procs) && j.fails().equals(fails)) {
      consensus.add(s);
    }
    check();
  }

  private void restartRound() {
    consensus.clear();
    consensus.add(p.self);
    agreed = false;
    sendJoin();
  }

  @Override
  void onNodeLost(int node) {
    if (procs.contains(node) && fails.add(node)) {
      restartRound();
      check();
    }
  }

  @Override
  void onLeave(TotemPacket.Leave l) {
    onNodeLost(l.sender());
  }

  @Override
  void onTimer(TimerKind kind) {
    if (kind == TimerKind.JOIN) {
      lastJoinAt = -1;
      sendJoin();
      p.setTimer(TimerKind.JOIN, p.timeouts.joinMs());
      check();
    } else if (kind == TimerKind.CONSENSUS) {
      List<Integer> active = active();
      if (agreed) {
        fails.add(active.get(0)); // the representative never sent the commit token
      } else {
        for (int n : active) {
          if (!consensus.contains(n)) {
            fails.add(n);
          }
        }
      }
      restartRound();
      p.setTimer(TimerKind.CONSENSUS, p.timeouts.consensusMs());
      check();
    }
  }

  private List<Integer> active() {
    List<Integer> a = new ArrayList<>(procs);
    a.removeAll(fails);
    return a;
  }

  private void check() {
    if (p.now - startedAt < p.timeouts.joinMs() || p.state != this) {
      return; // give every live node one join interval to answer
    }
    List<Integer> active = active();
    if (!consensus.containsAll(active) || agreed) {
      return;
    }
    if (active.get(0) != p.self) {
      agreed = true; // wait for the representative's commit token
      return;
    }
    RingId next = new RingId(Math.max(round, p.ringSeqHigh) + 4, p.self);
    p.cancelTimer(TimerKind.JOIN);
    p.cancelTimer(TimerKind.CONSENSUS);
    if (active.size() == 1) {
      p.raiseRingSeq(next.seq());
      p.install(next, active, List.of(p.self), null);
      p.transition(new OperationalState(p));
      return;
    }
    p.transition(new CommitState(p, new CommitToken(p.self, next, active, List.of(), 1), true));
  }

  @Override
  void onCommitToken(CommitToken c) {
    // Only the ring we agreed on, and never one we already committed to and abandoned (its
    // commit token may still be retransmitted by a member that has not noticed).
    if (c.rotation() == 1 && c.ring().seq() > p.ringSeqHigh && c.members().equals(active())) {
      p.cancelTimer(TimerKind.JOIN);
      p.transition(new CommitState(p, c, false));
    }
  }
}
