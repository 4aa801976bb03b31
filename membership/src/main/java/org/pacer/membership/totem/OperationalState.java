package org.pacer.membership.totem;

import java.util.Set;
import org.pacer.membership.totem.TotemPacket.Heartbeat;
import org.pacer.membership.totem.TotemPacket.Join;
import org.pacer.membership.totem.TotemPacket.Leave;
import org.pacer.membership.totem.TotemPacket.Mcast;
import org.pacer.membership.totem.TotemPacket.Message;
import org.pacer.membership.totem.TotemPacket.Token;
import org.pacer.membership.totem.TotemPacket.TokenAck;

/**
 * Operational: the token rotates; whoever holds it sends its queued frames, and every member
 * delivers each message once all before it have arrived (agreed order). When the ring is idle the
 * representative holds the token a little instead of spinning it. A ring of one has no token: its
 * messages are delivered as they are submitted.
 */
final class OperationalState extends ProtocolState {

  private final TokenRing tr;
  private Token held;
  private long wokeAt = -1;

  OperationalState(TotemProtocol p) {
    super(p);
    this.tr = p.tokenRing;
  }

  @Override
  String name() {
    return "operational";
  }

  @Override
  void enter() {
    if (tr == null) {
      p.cancelTimer(TimerKind.TOKEN_LOSS);
      p.cancelTimer(TimerKind.TOKEN_RETRANSMIT);
      sendAlone();
    } else {
      p.setTimer(TimerKind.TOKEN_LOSS, p.timeouts.tokenMs());
    }
  }

  @Override
  void onSubmit() {
    if (tr == null) {
      sendAlone();
    } else if (held != null) {
      release();
    } else if (!tr.isRep() && (wokeAt < 0 || p.now - wokeAt >= p.timeouts.holdMs() / 2)) {
      // The representative may be holding the token of an idle ring: ask for it.
      wokeAt = p.now;
      p.send(tr.ring.rep(), new TotemPacket.Wake(p.self, tr.ring));
    }
  }

  @Override
  void onWake(TotemPacket.Wake w) {
    if (held != null && w.ring().equals(tr.ring)) {
      release();
    }
  }

  private void release() {
    Token t = held;
    held = null;
    p.cancelTimer(TimerKind.TOKEN_HOLD);
    process(t);
  }

  private void sendAlone() {
    MessageStore s = p.store;
    byte[] frame;
    while ((frame = p.framer.nextFrame(p.timeouts.frameBytes())) != null) {
      long seq = s.highSeq() + 1;
      s.add(seq, new Message(p.ring, seq, p.self, frame));
    }
    p.deliverContiguous(s);
    s.discardUpTo(s.delivered());
  }

  @Override
  void onToken(Token t) {
    if (tr == null || !t.ring().equals(tr.ring) || t.sender() != tr.predecessor()) {
      p.count().stale++;
      return;
    }
    p.send(t.sender(), new TokenAck(p.self, t.ring(), t.tokenSeq()));
    if (t.tokenSeq() <= tr.lastTokenSeq || (held != null && held.tokenSeq() == t.tokenSeq())) {
      return;
    }
    p.setTimer(TimerKind.TOKEN_LOSS, p.timeouts.tokenMs());
    boolean idle = t.fcc() == 0 && t.rtr().isEmpty() && t.aru() == t.seq();
    if (tr.isRep() && idle && !p.framer.hasPending()) {
      held = t;
      tr.lastTokenSeq = t.tokenSeq(); // a held token was received: older ones are duplicates
      p.setTimer(TimerKind.TOKEN_HOLD, p.timeouts.holdMs());
      return;
    }
    process(t);
  }

  /** One token visit: retransmit, send, deliver, pass on. */
  void process(Token t) {
    TokenRing.Visit v =
        tr.visit(
            t,
            seq -> {
              byte[] frame = p.framer.nextFrame(p.timeouts.frameBytes());
              return frame == null ? null : new Message(tr.ring, seq, p.self, frame);
            },
            m -> {
              if (m.seq() <= t.seq()) {
                p.count().mcastRetransmits++;
              }
              p.sendToMembers(tr.members, m);
            });
    p.deliverContiguous(tr.store);
    if (v.failedToReceive()) {
      p.enterGather(Set.of());
      return;
    }
    tr.lastSent = v.next();
    p.send(tr.successor(), v.next());
    p.setTimer(TimerKind.TOKEN_RETRANSMIT, p.timeouts.tokenRetransmitMs());
  }

  @Override
  void onTokenAck(TokenAck a) {
    if (tr != null
        && a.ring().equals(tr.ring)
        && a.sender() == tr.successor()
        && tr.lastSent != null
        && a.tokenSeq() == tr.lastSent.tokenSeq()) {
      p.cancelTimer(TimerKind.TOKEN_RETRANSMIT);
    }
  }

  @Override
  void onMcast(Mcast m) {
    if (tr != null && m.ring().equals(tr.ring)) {
      tr.store.add(m.seq(), m.body());
      p.deliverContiguous(tr.store);
    } else {
      p.count().stale++;
    }
  }

  @Override
  void onTimer(TimerKind kind) {
    switch (kind) {
      case TOKEN_RETRANSMIT -> {
        if (tr != null && tr.lastSent != null) {
          p.count().tokenRetransmits++;
          p.send(tr.successor(), tr.lastSent);
          p.setTimer(TimerKind.TOKEN_RETRANSMIT, p.timeouts.tokenRetransmitMs());
        }
      }
      case TOKEN_HOLD -> {
        if (held != null) {
          release();
        }
      }
      case TOKEN_LOSS -> p.enterGather(Set.of());
      default -> {}
    }
  }

  @Override
  void onJoin(Join j) {
    if (j.round() <= p.ring.seq()) {
      p.count().stale++;
      // From the round that made this ring or an earlier one. A node still looking for us hears
      // our heartbeat, and the gather we start then reaches it.
      return;
    }
    p.enterGather(Set.of());
    p.state.onJoin(j);
  }

  @Override
  void onLeave(Leave l) {
    if (p.members.contains(l.sender())) {
      p.enterGather(Set.of(l.sender()));
    }
  }

  @Override
  void onNodeLost(int node) {
    if (p.members.contains(node)) {
      p.enterGather(Set.of(node));
    }
  }

  @Override
  void onHeartbeat(Heartbeat h) {
    boolean member = p.members.contains(h.sender());
    if ((!member && !h.ring().equals(p.ring)) || (member && h.ring().seq() > p.ring.seq())) {
      p.enterGather(Set.of()); // another ring is reachable (merge), or a member moved on
    }
  }
}
