package org.pacer.membership.totem;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.pacer.membership.totem.TotemPacket.CommitToken;
import org.pacer.membership.totem.TotemPacket.Join;
import org.pacer.membership.totem.TotemPacket.Leave;
import org.pacer.membership.totem.TotemPacket.Mcast;
import org.pacer.membership.totem.TotemPacket.MemberInfo;
import org.pacer.membership.totem.TotemPacket.TokenAck;

/**
 * Commit: the commit token goes round the new ring once, each member adding how far it got in its
 * old ring. From here on the old ring's store grows only by recovery, so what a member reports
 * stays true. When the token comes back full to the representative, everyone moves to recovery on
 * its second round.
 */
final class CommitState extends ProtocolState {

  private final CommitToken received;
  private final boolean rep;
  private final TokenRing next;
  private CommitToken sent;

  CommitState(TotemProtocol p, CommitToken received, boolean rep) {
    super(p);
    this.received = received;
    this.rep = rep;
    this.next = new TokenRing(received.ring(), received.members(), p.self, p.timeouts);
  }

  @Override
  String name() {
    return "commit";
  }

  @Override
  void enter() {
    p.raiseRingSeq(received.ring().seq());
    if (!rep) {
      p.send(received.sender(), new TokenAck(p.self, received.ring(), -1));
    }
    List<MemberInfo> infos = new ArrayList<>(received.infos());
    infos.add(new MemberInfo(p.self, p.ring, p.store.aru(), p.store.highSeq()));
    sent = new CommitToken(p.self, received.ring(), received.members(), infos, 1);
    forward(sent);
    p.setTimer(TimerKind.CONSENSUS, p.timeouts.tokenMs());
  }

  private void forward(CommitToken c) {
    p.send(next.successor(), c);
    p.setTimer(TimerKind.TOKEN_RETRANSMIT, p.timeouts.tokenRetransmitMs());
  }

  @Override
  void onCommitToken(CommitToken c) {
    if (!c.ring().equals(received.ring())) {
      if (c.rotation() == 1 && c.members().contains(p.self) && c.ring().seq() > p.ringSeqHigh) {
        p.transition(new CommitState(p, c, false));
      }
      return;
    }
    p.send(c.sender(), new TokenAck(p.self, c.ring(), -c.rotation()));
    if (rep && c.rotation() == 1 && c.infos().size() == c.members().size()) {
      p.cancelTimer(TimerKind.CONSENSUS);
      p.transition(new RecoveryState(p, c, next, true));
    } else if (!rep && c.rotation() == 2) {
      p.cancelTimer(TimerKind.CONSENSUS);
      p.transition(new RecoveryState(p, c, next, false));
    }
  }

  @Override
  void onTokenAck(TokenAck a) {
    if (a.ring().equals(received.ring()) && a.sender() == next.successor() && a.tokenSeq() == -1) {
      p.cancelTimer(TimerKind.TOKEN_RETRANSMIT);
    }
  }

  @Override
  void onTimer(TimerKind kind) {
    if (kind == TimerKind.TOKEN_RETRANSMIT) {
      p.count().tokenRetransmits++;
      forward(sent);
    } else if (kind == TimerKind.CONSENSUS) {
      p.cancelTimer(TimerKind.TOKEN_RETRANSMIT);
      p.enterGather(Set.of());
    }
  }

  @Override
  void onMcast(Mcast m) {
    acceptNewRing(p, next, m);
  }

  /** New-ring messages wait for installation; recovered old-ring ones complete our old store. */
  static void acceptNewRing(TotemProtocol p, TokenRing ring, Mcast m) {
    if (!m.ring().equals(ring.ring)) {
      return;
    }
    ring.store.add(m.seq(), m.body());
    if (m.recovered() && m.body().ring().equals(p.ring)) {
      p.store.add(m.body().seq(), m.body());
    }
  }

  @Override
  void onJoin(Join j) {
    abandonIfMemberRestarted(p, received.ring(), received.members(), j);
  }

  /** A member of the ring being formed sends a fresh join: it gave up on it, so do we. */
  static void abandonIfMemberRestarted(
      TotemProtocol p, RingId forming, List<Integer> members, Join j) {
    if (members.contains(j.sender()) && j.round() > forming.seq()) {
      p.cancelTimer(TimerKind.TOKEN_RETRANSMIT);
      p.enterGather(Set.of());
      p.state.onJoin(j);
    }
  }

  @Override
  void onNodeLost(int node) {
    if (received.members().contains(node)) {
      p.cancelTimer(TimerKind.TOKEN_RETRANSMIT);
      p.enterGather(Set.of(node));
    }
  }

  @Override
  void onLeave(Leave l) {
    onNodeLost(l.sender());
  }
}
