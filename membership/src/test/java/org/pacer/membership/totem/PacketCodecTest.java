package org.pacer.membership.totem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.pacer.membership.totem.TotemPacket.CommitToken;
import org.pacer.membership.totem.TotemPacket.Mcast;
import org.pacer.membership.totem.TotemPacket.MemberInfo;
import org.pacer.membership.totem.TotemPacket.Message;
import org.pacer.membership.totem.TotemPacket.Token;

class PacketCodecTest {

  static final RingId R = new RingId(44, 2);

  static List<TotemPacket> samples() {
    return List.of(
        new Mcast(3, R, 9, new Message(new RingId(40, 1), 7, 1, new byte[] {1, 2, 3})),
        new Token(2, R, 100, 55, 50, 3, List.of(51L, 53L), 12, 0, true),
        new TotemPacket.TokenAck(1, R, -2),
        new TotemPacket.Join(1, new TreeSet<>(List.of(1, 2, 3)), new TreeSet<>(List.of(3)), 45),
        new CommitToken(
            1, R, List.of(1, 2), List.of(new MemberInfo(1, new RingId(40, 1), 7, 9)), 1),
        new TotemPacket.Heartbeat(3, R),
        new TotemPacket.Leave(3, 17),
        new TotemPacket.Wake(2, R));
  }

  @Test
  void everyPacketRoundTrips() throws Exception {
    for (TotemPacket p : samples()) {
      TotemPacket back = PacketCodec.decode(PacketCodec.encode(p));
      if (p instanceof Mcast m) {
        Mcast b = (Mcast) back;
        assertEquals(m.ring(), b.ring());
        assertEquals(m.seq(), b.seq());
        assertEquals(m.body().ring(), b.body().ring());
        assertArrayEquals(m.body().frame(), b.body().frame());
      } else {
        assertEquals(p, back);
      }
    }
  }

  @Test
  void truncatedExtendedAndRandomBytesAreRefused() {
    Random r = new Random(5);
    for (TotemPacket p : samples()) {
      byte[] bytes = PacketCodec.encode(p);
      for (int len = 0; len < bytes.length; len++) {
        byte[] cut = Arrays.copyOf(bytes, len);
        assertThrows(PacketCodec.MalformedPacketException.class, () -> PacketCodec.decode(cut));
      }
      byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
      assertThrows(PacketCodec.MalformedPacketException.class, () -> PacketCodec.decode(longer));
    }
    for (int i = 0; i < 10_000; i++) {
      byte[] junk = new byte[r.nextInt(200)];
      r.nextBytes(junk);
      try {
        PacketCodec.decode(junk);
      } catch (PacketCodec.MalformedPacketException expected) {
        // the point: no other exception escapes
      }
    }
  }
}
