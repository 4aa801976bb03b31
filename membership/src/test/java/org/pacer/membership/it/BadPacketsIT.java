package org.pacer.membership.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.pacer.membership.api.StatusReply;
import org.pacer.membership.totem.PacketCodec;
import org.pacer.membership.totem.RingId;
import org.pacer.membership.totem.TotemPacket;
import org.pacer.messaging.datagram.AuthKey;
import org.pacer.messaging.datagram.PacketSealer;

/**
 * Thousands of bad datagrams sent at a running ring (random bytes, truncated packets, packets
 * sealed with another key, packets naming the wrong sender, and correctly sealed packets of old
 * rings and rounds) are dropped and counted, and the ring does not change.
 */
class BadPacketsIT {

  @Test
  void badPacketsChangeNothing() throws Exception {
    // A generous token: the test is about bad packets, and on a starved machine a default token
    // can expire from CPU starvation alone, which would reform the ring for another reason.
    try (DaemonCluster c = new DaemonCluster(3, "token: 10000");
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      c.startAll();
      List<Integer> all = List.of(1, 2, 3);
      c.await(all, DaemonCluster.ringOf(all), Duration.ofSeconds(60));
      String ring = c.status(2).ringId();
      long ringSeq = Long.parseLong(ring.substring(ring.indexOf('.') + 1));
      Random r = new Random(11);
      PacketSealer ours = PacketSealer.create(AuthKey.of(c.authkey), "itcluster", "sha256", "none");
      byte[] otherKey = c.authkey.clone();
      otherKey[0] ^= 1;
      PacketSealer theirs =
          PacketSealer.create(AuthKey.of(otherKey), "itcluster", "sha256", "none");
      PacketSealer otherCluster =
          PacketSealer.create(AuthKey.of(c.authkey), "other", "sha256", "none");
      RingId old = new RingId(ringSeq - 4, 1);
      List<TotemPacket> replayed =
          List.of(
              new TotemPacket.Mcast(
                  1, old, 3, new TotemPacket.Message(old, 3, 1, new byte[] {1, 2, 3})),
              new TotemPacket.Token(1, old, 99, 5, 5, 0, List.of(), 0, 0, false),
              new TotemPacket.Join(1, new TreeSet<>(List.of(1)), new TreeSet<>(), 1),
              new TotemPacket.Heartbeat(1, old),
              new TotemPacket.Leave(1, old.seq()));
      int sent = 0;
      for (int i = 0; i < 1500; i++) {
        for (int target = 2; target <= 3; target++) {
          byte[] data;
          switch (i % 6) {
            case 0 -> {
              data = new byte[r.nextInt(1400)];
              r.nextBytes(data);
            }
            case 1 -> {
              byte[] good = ours.seal(PacketCodec.encode(replayed.get(r.nextInt(replayed.size()))));
              data = Arrays.copyOf(good, r.nextInt(good.length));
            }
            case 2 -> data = theirs.seal(PacketCodec.encode(new TotemPacket.Heartbeat(1, old)));
            case 3 ->
                data = otherCluster.seal(PacketCodec.encode(new TotemPacket.Heartbeat(1, old)));
            case 4 -> data = ours.seal(PacketCodec.encode(new TotemPacket.Heartbeat(target, old)));
            default ->
                data = ours.seal(PacketCodec.encode(replayed.get(r.nextInt(replayed.size()))));
          }
          socket.send(
              new DatagramPacket(
                  data, data.length, InetAddress.getByName("127.0.0." + target), c.port));
          sent++;
        }
        if (i % 100 == 0) {
          Thread.sleep(5); // let the ring's own traffic through the socket buffers
        }
      }
      Thread.sleep(2000);
      for (int n : all) {
        StatusReply s = c.status(n);
        assertEquals("operational", s.state(), "node " + n);
        assertEquals(ring, s.ringId(), "node " + n + " stayed in its ring");
        assertEquals(3, s.members().size());
      }
      StatusReply s = c.status(2);
      System.out.println(sent + " bad packets sent; node 2 counters: " + s.counters());
      assertTrue(s.counters().get("dropped_bad_authentication") >= 400, s.counters().toString());
      assertTrue(s.counters().get("dropped_wrong_sender") >= 200, s.counters().toString());
      assertTrue(s.counters().get("stale_packets") >= 200, s.counters().toString());
      long shapeDrops =
          s.counters().getOrDefault("dropped_truncated", 0L)
              + s.counters().getOrDefault("dropped_not_pacer", 0L)
              + s.counters().getOrDefault("dropped_malformed", 0L)
              + s.counters().getOrDefault("dropped_bad_authentication", 0L);
      assertTrue(shapeDrops >= 1000, s.counters().toString());
    }
  }

  @Test
  void aNodeWithAnotherKeyNeverJoins() throws Exception {
    try (DaemonCluster c = new DaemonCluster(3, "")) {
      c.foreignKey(3);
      c.startAll();
      c.await(List.of(1, 2), DaemonCluster.ringOf(List.of(1, 2)), Duration.ofSeconds(60));
      c.await(List.of(3), DaemonCluster.ringOf(List.of(3)), Duration.ofSeconds(60));
      Thread.sleep(3000);
      assertEquals(2, c.status(1).members().size());
      assertEquals(1, c.status(3).members().size());
      assertTrue(c.status(1).counters().get("dropped_bad_authentication") > 0);
      assertTrue(c.status(3).counters().get("dropped_bad_authentication") > 0);
    }
  }
}
