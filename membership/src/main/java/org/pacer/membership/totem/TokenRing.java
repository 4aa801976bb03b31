package org.pacer.membership.totem;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;
import org.pacer.membership.totem.TotemPacket.Mcast;
import org.pacer.membership.totem.TotemPacket.Message;
import org.pacer.membership.totem.TotemPacket.Token;

/**
 * One ring's token rotation as seen from one member: retransmits what the token asks for, sends new
 * messages within the flow-control window, asks for what it lacks, maintains the token's aru and
 * discards what every member has. Shared by recovery (which sends old-ring messages) and
 * operational (which sends application frames).
 */
final class TokenRing {

  /** At most this many retransmission requests ride on the token. */
  static final int RTR_MAX = 256;

  final RingId ring;
  final List<Integer> members;
  final MessageStore store = new MessageStore();
  private final int self;
  private final TotemTimeouts t;
  private final int successor;
  private final int predecessor;

  long lastTokenSeq = -1;
  Token lastSent;
  private int mySentLast;
  private long prevAru = -1;
  private long aruAtLastVisit = -1;
  private int failRecv;

  TokenRing(RingId ring, List<Integer> members, int self, TotemTimeouts t) {
    this.ring = ring;
    this.members = List.copyOf(members);
    this.self = self;
    this.t = t;
    int i = this.members.indexOf(self);
    this.successor = this.members.get((i + 1) % this.members.size());
    this.predecessor = predecessor(this.members, self);
  }

  int successor() {
    return successor;
  }

  /**
   * Tokens come only from here: a captured token replayed to another member must not start a second
   * token (two tokens would number two messages alike).
   */
  int predecessor() {
    return predecessor;
  }

  /**
   * The member before {@code self} in the ring order {@code members} (which holds {@code self}).
   */
  static int predecessor(List<Integer> members, int self) {
    int i = members.indexOf(self);
    return members.get((i + members.size() - 1) % members.size());
  }

  boolean isRep() {
    return ring.rep() == self;
  }

  /** The outcome of one token visit. */
  record Visit(Token next, int sent, boolean idle, boolean failedToReceive) {}

  /**
   * Processes a token addressed to us (not a duplicate).
   *
   * @param source the body of the next message to send given its seq, or null when none
   * @param send where to put each multicast
   */
  Visit visit(Token in, LongFunction<Message> source, java.util.function.Consumer<Mcast> send) {
    lastTokenSeq = in.tokenSeq();
    Set<Long> rtr = new LinkedHashSet<>(in.rtr());
    int retrans = 0;
    for (var it = rtr.iterator(); it.hasNext() && retrans < t.maxMessages(); ) {
      long s = it.next();
      Message m = store.get(s);
      if (m != null) {
        send.accept(new Mcast(self, ring, s, m));
        it.remove();
        retrans++;
      } else if (s <= store.aru() && !store.has(s)) {
        it.remove(); // already discarded: everybody had it
      }
    }
    int fccOthers = Math.max(0, in.fcc() - mySentLast);
    long inFlight = in.seq() - in.aru();
    int allowed =
        (int)
            Math.min(
                Math.min(t.maxMessages() - retrans, t.windowSize() - fccOthers - retrans),
                4L * t.windowSize() - inFlight);
    long seq = in.seq();
    int sent = 0;
    while (sent < allowed) {
      Message body = source.apply(seq + 1);
      if (body == null) {
        break;
      }
      seq++;
      store.add(seq, body);
      send.accept(new Mcast(self, ring, seq, body));
      sent++;
    }
    for (long s : store.missing(seq, RTR_MAX)) {
      if (rtr.size() >= RTR_MAX) {
        break;
      }
      rtr.add(s);
    }
    long aru = in.aru();
    int aruId = in.aruId();
    if (store.aru() < aru || aruId == self || aruId == 0) {
      aru = store.aru();
      aruId = aru >= seq ? 0 : self;
    }
    boolean stuck = store.aru() < seq && store.aru() == aruAtLastVisit;
    failRecv = stuck ? failRecv + 1 : 0;
    aruAtLastVisit = store.aru();
    // What the token said on two visits in a row every member has had since the first of them.
    long safe = prevAru < 0 ? 0 : Math.min(prevAru, aru);
    prevAru = aru;
    store.discardUpTo(safe);
    mySentLast = sent + retrans;
    Token next =
        new Token(
            self,
            ring,
            in.tokenSeq() + 1,
            seq,
            aru,
            aruId,
            new ArrayList<>(rtr),
            fccOthers + sent + retrans,
            in.retransOwner(),
            in.installed());
    boolean idle = sent == 0 && retrans == 0 && rtr.isEmpty() && aru == seq;
    return new Visit(next, sent, idle, failRecv > t.failRecvConst());
  }

  /** The first token of a new ring, created by its representative. */
  Token firstToken() {
    return new Token(self, ring, 0, 0, 0, 0, List.of(), 0, 0, false);
  }
}
