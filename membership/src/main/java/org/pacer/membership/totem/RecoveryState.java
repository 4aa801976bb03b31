package org.pacer.membership.totem;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.pacer.membership.totem.TotemPacket.CommitToken;
import org.pacer.membership.totem.TotemPacket.Join;
import org.pacer.membership.totem.TotemPacket.Leave;
import org.pacer.membership.totem.TotemPacket.Mcast;
import org.pacer.membership.totem.TotemPacket.MemberInfo;
import org.pacer.membership.totem.TotemPacket.Message;
import org.pacer.membership.totem.TotemPacket.Token;
import org.pacer.membership.totem.TotemPacket.TokenAck;

/**
 * Recovery: the new ring's token rotates, and members that shared an old ring re-send, as new-ring
 * messages, the old-ring messages some of them lack. Of the messages above the lowest aru of that
 * old ring's survivors, each one is sent by the lowest survivor whose aru covers it (or by every
 * holder when none does). When the representative has seen, on two visits in a row, nothing left to
 * send, nothing new sent and everything received by all, it marks the token installed; each member
 * installs the new ring when that token reaches it.
 */
final class RecoveryState extends ProtocolState {

  private final CommitToken commit;
  private final TokenRing next;
  private final boolean rep;
  private final List<Integer> transitional = new ArrayList<>();
  private final Deque<Message> toResend = new ArrayDeque<>();
  private CommitToken commitSent;
  private boolean tokenStarted;
  private boolean prevQuiet;
  private long prevSeq = -1;

  RecoveryState(TotemProtocol p, CommitToken commit, TokenRing next, boolean rep) {
    super(p);
    this.commit = commit;
    this.next = next;
    this.rep = rep;
  }

  @Override
  String name() {
    return "recovery";
  }

  @Override
  void enter() {
    List<MemberInfo> sharing = new ArrayList<>();
    for (MemberInfo i : commit.infos()) {
      if (i.oldRing().equals(p.ring)) {
        sharing.add(i);
        transitional.add(i.node());
      }
    }
    transitional.sort(null);
    long low = sharing.stream().mapToLong(MemberInfo::aru).min().orElse(0);
    long high = sharing.stream().mapToLong(MemberInfo::highSeq).max().orElse(0);
    for (Message m : p.store.range(low, high)) {
      if (designatedSender(sharing, m.seq())) {
        toResend.add(m);
      }
    }
    commitSent = new CommitToken(p.self, commit.ring(), commit.members(), commit.infos(), 2);
    sendCommit();
    p.setTimer(TimerKind.TOKEN_LOSS, p.timeouts.tokenMs());
  }

  private boolean designatedSender(List<MemberInfo> sharing, long seq) {
    int best = 0;
    for (MemberInfo i : sharing) {
      if (i.aru() >= seq && (best == 0 || Integer.compareUnsigned(i.node(), best) < 0)) {
        best = i.node();
      }
    }
    return best == 0 || best == p.self;
  }

  private void sendCommit() {
    p.send(next.successor(), commitSent);
    p.setTimer(TimerKind.TOKEN_RETRANSMIT, p.timeouts.tokenRetransmitMs());
  }

  @Override
  void onCommitToken(CommitToken c) {
    if (!c.ring().equals(commit.ring())) {
      return;
    }
    p.send(c.sender(), new TokenAck(p.self, c.ring(), -c.rotation()));
    if (rep && c.rotation() == 2 && !tokenStarted) {
      tokenStarted = true;
      commitSent = null;
      p.cancelTimer(TimerKind.TOKEN_RETRANSMIT);
      handle(next.firstToken());
    }
  }

  @Override
  void onTokenAck(TokenAck a) {
    if (!a.ring().equals(commit.ring()) || a.sender() != next.successor()) {
      return;
    }
    if (commitSent != null && a.tokenSeq() == -2) {
      commitSent = null;
      p.cancelTimer(TimerKind.TOKEN_RETRANSMIT);
    } else if (next.lastSent != null && a.tokenSeq() == next.lastSent.tokenSeq()) {
      p.cancelTimer(TimerKind.TOKEN_RETRANSMIT);
    }
  }

  @Override
  void onToken(Token t) {
    if (!t.ring().equals(next.ring) || t.sender() != next.predecessor()) {
      return;
    }
    p.send(t.sender(), new TokenAck(p.self, t.ring(), t.tokenSeq()));
    if (t.tokenSeq() <= next.lastTokenSeq) {
      return;
    }
    commitSent = null;
    handle(t);
  }

  private void handle(Token t) {
    p.setTimer(TimerKind.TOKEN_LOSS, p.timeouts.tokenMs());
    if (t.installed()) {
      installAndContinue(t);
      return;
    }
    if (rep) {
      boolean quiet = t.retransOwner() == 0 && t.aru() == t.seq() && toResend.isEmpty();
      if (quiet && prevQuiet && t.seq() == prevSeq) {
        installAndContinue(
            new Token(
                t.sender(),
                t.ring(),
                t.tokenSeq(),
                t.seq(),
                t.aru(),
                t.aruId(),
                t.rtr(),
                t.fcc(),
                0,
                true));
        return;
      }
      prevQuiet = quiet;
      prevSeq = t.seq();
    }
    TokenRing.Visit v =
        next.visit(t, seq -> toResend.pollFirst(), m -> p.sendToMembers(next.members, m));
    Token out = v.next();
    int owner = out.retransOwner();
    if (!toResend.isEmpty()) {
      owner = p.self;
    } else if (owner == p.self) {
      owner = 0;
    }
    out =
        new Token(
            out.sender(),
            out.ring(),
            out.tokenSeq(),
            out.seq(),
            out.aru(),
            out.aruId(),
            out.rtr(),
            out.fcc(),
            owner,
            false);
    next.lastSent = out;
    p.send(next.successor(), out);
    p.setTimer(TimerKind.TOKEN_RETRANSMIT, p.timeouts.tokenRetransmitMs());
  }

  private void installAndContinue(Token t) {
    p.cancelTimer(TimerKind.TOKEN_RETRANSMIT);
    p.install(next.ring, next.members, transitional, next);
    OperationalState op = new OperationalState(p);
    p.transition(op);
    op.process(t);
  }

  @Override
  void onTimer(TimerKind kind) {
    if (kind == TimerKind.TOKEN_RETRANSMIT) {
      p.count().tokenRetransmits++;
      if (commitSent != null) {
        sendCommit();
      } else if (next.lastSent != null) {
        p.send(next.successor(), next.lastSent);
        p.setTimer(TimerKind.TOKEN_RETRANSMIT, p.timeouts.tokenRetransmitMs());
      }
    } else if (kind == TimerKind.TOKEN_LOSS) {
      p.cancelTimer(TimerKind.TOKEN_RETRANSMIT);
      p.enterGather(Set.of());
    }
  }

  @Override
  void onMcast(Mcast m) {
    CommitState.acceptNewRing(p, next, m);
  }

  @Override
  void onJoin(Join j) {
    CommitState.abandonIfMemberRestarted(p, commit.ring(), commit.members(), j);
  }

  @Override
  void onNodeLost(int node) {
    if (commit.members().contains(node)) {
      p.cancelTimer(TimerKind.TOKEN_RETRANSMIT);
      p.enterGather(Set.of(node));
    }
  }

  @Override
  void onLeave(Leave l) {
    onNodeLost(l.sender());
  }
}
