package org.pacer.messaging.datagram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pacer.messaging.testing.Eventually;
import org.pacer.messaging.transport.EventLoops;

class DatagramTransportTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private EventLoops loops;
  private final List<byte[]> received = new CopyOnWriteArrayList<>();
  private DatagramTransport a;
  private DatagramTransport b;

  @BeforeEach
  void start() throws Exception {
    loops = EventLoops.create("udp-test", 1);
    PacketSealer sealer = PacketSealer.create(PacketSealerTest.key(1), "alpha", "sha256", "aes256");
    a =
        DatagramTransport.bind(
            loops, new InetSocketAddress("127.0.0.1", 0), sealer, (f, p) -> {}, Clock.systemUTC());
    b =
        DatagramTransport.bind(
            loops,
            new InetSocketAddress("127.0.0.1", 0),
            sealer,
            (f, p) -> received.add(p),
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    a.close();
    b.close();
    loops.close();
  }

  @Test
  void sealedPacketsArriveOpened() {
    for (int i = 0; i < 50; i++) {
      a.send(b.localAddress(), ("m" + i).getBytes(StandardCharsets.UTF_8));
    }
    Eventually.await("50 packets", WAIT, () -> received.size() == 50);
    assertArrayEquals("m0".getBytes(StandardCharsets.UTF_8), received.get(0));
    assertEquals(50, b.counters().acceptedCount());
    assertEquals(0, b.counters().droppedTotal());
  }

  @Test
  void wrongKeyAndGarbageAreDroppedAndCountedWhileGoodPacketsFlow() throws Exception {
    PacketSealer intruderSealer =
        PacketSealer.create(PacketSealerTest.key(99), "alpha", "sha256", "aes256");
    try (DatagramTransport intruder =
            DatagramTransport.bind(
                loops,
                new InetSocketAddress("127.0.0.1", 0),
                intruderSealer,
                (f, p) -> {},
                Clock.systemUTC());
        DatagramSocket raw = new DatagramSocket()) {
      Random random = new Random(7);
      for (int i = 0; i < 200; i++) {
        intruder.send(b.localAddress(), new byte[] {1, 2, 3});
        byte[] junk = new byte[1 + random.nextInt(300)];
        random.nextBytes(junk);
        raw.send(new DatagramPacket(junk, junk.length, b.localAddress()));
        a.send(b.localAddress(), new byte[] {(byte) i});
      }
      Eventually.await("good packets", WAIT, () -> received.size() == 200);
      Eventually.await("all drops counted", WAIT, () -> b.counters().droppedTotal() == 400);
      assertEquals(
          200, b.counters().droppedCount(PacketRejectedException.Reason.BAD_AUTHENTICATION));
      assertEquals(
          200,
          b.counters().droppedCount(PacketRejectedException.Reason.TRUNCATED)
              + b.counters().droppedCount(PacketRejectedException.Reason.NOT_PACER));
    }
  }

  @Test
  void oversizedPayloadIsRefusedBeforeSending() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> a.send(b.localAddress(), new byte[70_000]));
    assertEquals(true, e.getMessage().contains("exceeds the datagram limit"));
  }
}
