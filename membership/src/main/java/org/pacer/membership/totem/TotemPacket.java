package org.pacer.membership.totem;

import java.util.List;
import java.util.SortedSet;

/** Everything one totem node sends another. Every packet names its sender. */
public sealed interface TotemPacket
    permits TotemPacket.Mcast,
        TotemPacket.Token,
        TotemPacket.TokenAck,
        TotemPacket.Join,
        TotemPacket.CommitToken,
        TotemPacket.Heartbeat,
        TotemPacket.Leave,
        TotemPacket.Wake {

  int sender();

  /**
   * One ordered message of a ring: a frame of packed application messages or fragments ({@link
   * Framer}). Its identity is (ring, seq).
   */
  record Message(RingId ring, long seq, int origin, byte[] frame) {}

  /**
   * A message broadcast on ring {@code ring} with number {@code seq}. Normally {@code body} is that
   * same message; during recovery it carries a message of an older ring that some survivors lack.
   */
  record Mcast(int sender, RingId ring, long seq, Message body) implements TotemPacket {
    public boolean recovered() {
      return !body.ring().equals(ring);
    }
  }

  /**
   * The token of ring {@code ring}. {@code tokenSeq} grows by one per hop so a duplicate is seen as
   * one; {@code seq} is the highest message number assigned; {@code aru} ("all received up to") is
   * lowered by whoever lacks messages and raised only by that node ({@code aruId}); {@code rtr}
   * lists messages somebody asked to have retransmitted; {@code fcc} counts messages sent in the
   * last rotation (flow control). {@code retransFlag}/{@code retransOwner} say a member still has
   * recovery messages to send, and {@code installed} is set by the representative once recovery is
   * over.
   */
  record Token(
      int sender,
      RingId ring,
      long tokenSeq,
      long seq,
      long aru,
      int aruId,
      List<Long> rtr,
      int fcc,
      int retransOwner,
      boolean installed)
      implements TotemPacket {
    public Token {
      rtr = List.copyOf(rtr);
    }
  }

  /** Tells the token's sender that it arrived, so it stops retransmitting it. */
  record TokenAck(int sender, RingId ring, long tokenSeq) implements TotemPacket {}

  /**
   * Gather: the sender's view of who is alive ({@code procs}) and who failed ({@code fails}) in
   * membership round {@code round}. Every gather starts a round above every ring seq and round its
   * node has seen, and adopts any higher round it hears of, so a join from a round that is over
   * (which may name as failed nodes that are fine now) is recognised and ignored.
   */
  record Join(int sender, SortedSet<Integer> procs, SortedSet<Integer> fails, long round)
      implements TotemPacket {
    public Join {
      procs = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(procs));
      fails = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(fails));
    }
  }

  /** What each member tells the others about its old ring while a new ring is committed. */
  record MemberInfo(int node, RingId oldRing, long aru, long highSeq) {}

  /**
   * The commit token of a new ring: goes round twice, first to collect every member's {@link
   * MemberInfo}, then to move every member into recovery.
   */
  record CommitToken(
      int sender, RingId ring, List<Integer> members, List<MemberInfo> infos, int rotation)
      implements TotemPacket {
    public CommitToken {
      members = List.copyOf(members);
      infos = List.copyOf(infos);
    }
  }

  /**
   * Sent on every link to every node at a fixed interval: tells the receiver that this link to the
   * sender works, and which ring the sender is in (a different ring means a merge is due).
   */
  record Heartbeat(int sender, RingId ring) implements TotemPacket {}

  /**
   * A graceful leave: the receivers reform without the sender at once. {@code ringSeq} is the
   * highest ring seq the sender has stored (at least that of every ring it was ever a member of),
   * so a receiver that knows the sender reached a later ring recognises a replayed leave.
   */
  record Leave(int sender, long ringSeq) implements TotemPacket {}

  /**
   * Asks the representative to stop holding an idle ring's token: the sender has messages to send
   * (without it they would wait out the hold).
   */
  record Wake(int sender, RingId ring) implements TotemPacket {}
}
