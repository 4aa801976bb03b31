package org.pacer.membership.totem;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.pacer.membership.totem.TotemPacket.CommitToken;
import org.pacer.membership.totem.TotemPacket.Heartbeat;
import org.pacer.membership.totem.TotemPacket.Join;
import org.pacer.membership.totem.TotemPacket.Leave;
import org.pacer.membership.totem.TotemPacket.Mcast;
import org.pacer.membership.totem.TotemPacket.MemberInfo;
import org.pacer.membership.totem.TotemPacket.Message;
import org.pacer.membership.totem.TotemPacket.Token;
import org.pacer.membership.totem.TotemPacket.TokenAck;

/**
 * The wire form of {@link TotemPacket}s: a version byte, a type byte, then fixed-width big-endian
 * fields. Decoding checks every count and length against what can be in one datagram and rejects
 * trailing bytes, so a packet that authenticates but was built wrong is still refused, not
 * half-read.
 */
public final class PacketCodec {

  public static final byte VERSION = 1;
  private static final int MAX_LIST = 4096;

  private PacketCodec() {}

  /** A datagram that is not a well-formed totem packet. */
  public static final class MalformedPacketException extends Exception {
    public MalformedPacketException(String message) {
      super(message);
    }
  }

  public static byte[] encode(TotemPacket p) {
    ByteBuffer b = ByteBuffer.allocate(size(p));
    b.put(VERSION);
    if (p instanceof Mcast m) {
      b.put((byte) 1).putInt(m.sender());
      ring(b, m.ring());
      b.putLong(m.seq());
      Message body = m.body();
      ring(b, body.ring());
      b.putLong(body.seq()).putInt(body.origin()).putInt(body.frame().length).put(body.frame());
    } else if (p instanceof Token t) {
      b.put((byte) 2).putInt(t.sender());
      ring(b, t.ring());
      b.putLong(t.tokenSeq()).putLong(t.seq()).putLong(t.aru()).putInt(t.aruId());
      b.putInt(t.rtr().size());
      for (long s : t.rtr()) {
        b.putLong(s);
      }
      b.putInt(t.fcc()).putInt(t.retransOwner()).put((byte) (t.installed() ? 1 : 0));
    } else if (p instanceof TokenAck a) {
      b.put((byte) 3).putInt(a.sender());
      ring(b, a.ring());
      b.putLong(a.tokenSeq());
    } else if (p instanceof Join j) {
      b.put((byte) 4).putInt(j.sender());
      ints(b, new ArrayList<>(j.procs()));
      ints(b, new ArrayList<>(j.fails()));
      b.putLong(j.round());
    } else if (p instanceof CommitToken c) {
      b.put((byte) 5).putInt(c.sender());
      ring(b, c.ring());
      ints(b, c.members());
      b.putInt(c.infos().size());
      for (MemberInfo i : c.infos()) {
        b.putInt(i.node());
        ring(b, i.oldRing());
        b.putLong(i.aru()).putLong(i.highSeq());
      }
      b.putInt(c.rotation());
    } else if (p instanceof Heartbeat h) {
      b.put((byte) 6).putInt(h.sender());
      ring(b, h.ring());
    } else if (p instanceof Leave l) {
      b.put((byte) 7).putInt(l.sender()).putLong(l.ringSeq());
    } else if (p instanceof TotemPacket.Wake w) {
      b.put((byte) 8).putInt(w.sender());
      ring(b, w.ring());
    }
    return b.array();
  }

  private static int size(TotemPacket p) {
    int ring = 12;
    int head = 2 + 4;
    if (p instanceof Mcast m) {
      return head + ring + 8 + ring + 8 + 4 + 4 + m.body().frame().length;
    } else if (p instanceof Token t) {
      return head + ring + 8 + 8 + 8 + 4 + 4 + 8 * t.rtr().size() + 4 + 4 + 1;
    } else if (p instanceof TokenAck) {
      return head + ring + 8;
    } else if (p instanceof Join j) {
      return head + 4 + 4 * j.procs().size() + 4 + 4 * j.fails().size() + 8;
    } else if (p instanceof CommitToken c) {
      return head + ring + 4 + 4 * c.members().size() + 4 + (4 + ring + 16) * c.infos().size() + 4;
    } else if (p instanceof Leave) {
      return head + 8;
    }
    return head + ring;
  }

  private static void ring(ByteBuffer b, RingId r) {
    b.putLong(r.seq()).putInt(r.rep());
  }

  private static void ints(ByteBuffer b, List<Integer> l) {
    b.putInt(l.size());
    for (int i : l) {
      b.putInt(i);
    }
  }

  public static TotemPacket decode(byte[] data) throws MalformedPacketException {
    ByteBuffer b = ByteBuffer.wrap(data);
    try {
      if (b.get() != VERSION) {
        throw new MalformedPacketException("unknown packet version " + data[0]);
      }
      byte type = b.get();
      int sender = b.getInt();
      TotemPacket p =
          switch (type) {
            case 1 -> {
              RingId ring = ring(b);
              long seq = b.getLong();
              RingId bodyRing = ring(b);
              long bodySeq = b.getLong();
              int origin = b.getInt();
              byte[] frame = new byte[count(b, 65_536)];
              b.get(frame);
              yield new Mcast(sender, ring, seq, new Message(bodyRing, bodySeq, origin, frame));
            }
            case 2 -> {
              RingId ring = ring(b);
              long tokenSeq = b.getLong();
              long seq = b.getLong();
              long aru = b.getLong();
              int aruId = b.getInt();
              int n = count(b, MAX_LIST);
              List<Long> rtr = new ArrayList<>(n);
              for (int i = 0; i < n; i++) {
                rtr.add(b.getLong());
              }
              int fcc = b.getInt();
              int owner = b.getInt();
              boolean installed = b.get() != 0;
              yield new Token(sender, ring, tokenSeq, seq, aru, aruId, rtr, fcc, owner, installed);
            }
            case 3 -> new TokenAck(sender, ring(b), b.getLong());
            case 4 -> {
              List<Integer> procs = ints(b);
              List<Integer> fails = ints(b);
              yield new Join(sender, new TreeSet<>(procs), new TreeSet<>(fails), b.getLong());
            }
            case 5 -> {
              RingId ring = ring(b);
              List<Integer> members = ints(b);
              int n = count(b, MAX_LIST);
              List<MemberInfo> infos = new ArrayList<>(n);
              for (int i = 0; i < n; i++) {
                infos.add(new MemberInfo(b.getInt(), ring(b), b.getLong(), b.getLong()));
              }
              yield new CommitToken(sender, ring, members, infos, b.getInt());
            }
            case 6 -> new Heartbeat(sender, ring(b));
            case 7 -> new Leave(sender, b.getLong());
            case 8 -> new TotemPacket.Wake(sender, ring(b));
            default -> throw new MalformedPacketException("unknown packet type " + type);
          };
      if (b.hasRemaining()) {
        throw new MalformedPacketException(b.remaining() + " bytes after the packet");
      }
      return p;
    } catch (BufferUnderflowException e) {
      throw new MalformedPacketException("packet truncated (" + data.length + " bytes)");
    }
  }

  private static RingId ring(ByteBuffer b) {
    return new RingId(b.getLong(), b.getInt());
  }

  private static int count(ByteBuffer b, int max) throws MalformedPacketException {
    int n = b.getInt();
    if (n < 0 || n > max || n > b.remaining()) {
      throw new MalformedPacketException("count " + n + " out of range");
    }
    return n;
  }

  private static List<Integer> ints(ByteBuffer b) throws MalformedPacketException {
    int n = count(b, MAX_LIST);
    List<Integer> l = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      l.add(b.getInt());
    }
    return l;
  }
}
