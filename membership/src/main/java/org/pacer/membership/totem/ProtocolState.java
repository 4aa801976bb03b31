package org.pacer.membership.totem;

import org.pacer.membership.totem.TotemPacket.CommitToken;
import org.pacer.membership.totem.TotemPacket.Heartbeat;
import org.pacer.membership.totem.TotemPacket.Join;
import org.pacer.membership.totem.TotemPacket.Leave;
import org.pacer.membership.totem.TotemPacket.Mcast;
import org.pacer.membership.totem.TotemPacket.Token;
import org.pacer.membership.totem.TotemPacket.TokenAck;

/** One state of the protocol; each event it does not care about is ignored. */
abstract class ProtocolState {

  final TotemProtocol p;

  ProtocolState(TotemProtocol p) {
    this.p = p;
  }

  abstract String name();

  void enter() {}

  void onMcast(Mcast m) {}

  void onToken(Token t) {}

  void onTokenAck(TokenAck a) {}

  void onJoin(Join j) {}

  void onCommitToken(CommitToken c) {}

  void onLeave(Leave l) {}

  void onHeartbeat(Heartbeat h) {}

  void onWake(TotemPacket.Wake w) {}

  /** Every link to {@code node} went quiet. */
  void onNodeLost(int node) {}

  void onTimer(TimerKind kind) {}

  void onSubmit() {}

  /**
   * Old-ring messages that arrive before we have told a commit token how far we got are kept:
   * survivors will exchange them. After that the old ring's store only grows by recovery.
   */
  void acceptOldRing(Mcast m) {
    if (m.ring().equals(p.ring) && !m.recovered() && p.store != null) {
      p.store.add(m.seq(), m.body());
    }
  }
}
