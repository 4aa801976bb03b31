package org.pacer.membership.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pacer.membership.api.StatusReply;

/**
 * Real daemons on loopback: a ring forms, a killed node is detected and the ring reforms within
 * token + consensus, the node rejoins on restart, and a graceful stop reforms without waiting for
 * the token timeout. Times are printed; the bounds asserted are the issue's own.
 */
class RingIT {

  @Test
  void threeNodes() throws Exception {
    // Corosync's defaults on 3 nodes: token 3650 ms, consensus 4380 ms.
    long token = 3650;
    long consensus = 4380;
    try (DaemonCluster c = new DaemonCluster(3, "")) {
      c.startAll();
      long formed =
          c.await(List.of(1, 2, 3), DaemonCluster.ringOf(List.of(1, 2, 3)), Duration.ofSeconds(60));
      System.out.println("3-node ring formed " + formed + " ms after the first status answer");
      StatusReply s = c.status(1);
      assertEquals(3, s.members().size());
      assertEquals("127.0.0.2", s.members().get(1).addr());
      assertTrue(s.quorum().quorate(), "3 of 3 votes is quorate");
      assertTrue(s.links().stream().allMatch(StatusReply.LinkState::up), "links up: " + s.links());

      c.kill(3);
      long detect =
          c.await(List.of(1, 2), DaemonCluster.ringOf(List.of(1, 2)), Duration.ofSeconds(30));
      System.out.println(
          "kill -9 of n3: ring of 2 after "
              + detect
              + " ms (token + consensus = "
              + (token + consensus)
              + ")");
      assertTrue(detect < token + consensus, "reformed in " + detect + " ms");
      assertTrue(c.status(1).quorum().quorate(), "2 of 3 votes is quorate");

      c.start(3);
      long rejoin =
          c.await(List.of(1, 2, 3), DaemonCluster.ringOf(List.of(1, 2, 3)), Duration.ofSeconds(60));
      System.out.println("n3 restarted: ring of 3 after " + rejoin + " ms");

      c.stop(2);
      long leave =
          c.await(List.of(1, 3), DaemonCluster.ringOf(List.of(1, 3)), Duration.ofSeconds(30));
      System.out.println(
          "graceful stop of n2: ring of 2 after " + leave + " ms (token = " + token + ")");
      assertTrue(leave < token, "graceful leave reformed in " + leave + " ms");
    }
  }

  @Test
  void fiveNodes() throws Exception {
    try (DaemonCluster c = new DaemonCluster(5, "")) {
      c.startAll();
      c.await(
          DaemonCluster.range(1, 5),
          DaemonCluster.ringOf(DaemonCluster.range(1, 5)),
          Duration.ofSeconds(90));
      c.kill(4);
      long detect =
          c.await(
              List.of(1, 2, 3, 5),
              DaemonCluster.ringOf(List.of(1, 2, 3, 5)),
              Duration.ofSeconds(30));
      // token 3000 + 3 * 650 = 4950 ms, consensus 5940 ms on 5 nodes
      System.out.println("5 nodes, kill -9 of n4: ring of 4 after " + detect + " ms");
      assertTrue(detect < 4950 + 5940, "reformed in " + detect + " ms");
      c.start(4);
      c.await(
          DaemonCluster.range(1, 5),
          DaemonCluster.ringOf(DaemonCluster.range(1, 5)),
          Duration.ofSeconds(60));
    }
  }

  @Test
  void encryptedRingWithAShortToken() throws Exception {
    try (DaemonCluster c = new DaemonCluster(3, "  crypto_cipher: aes256\n  token: 300\n")) {
      c.startAll();
      List<Integer> all = List.of(1, 2, 3);
      c.await(all, DaemonCluster.ringOf(all), Duration.ofSeconds(60));
      c.kill(1);
      long detect =
          c.await(List.of(2, 3), DaemonCluster.ringOf(List.of(2, 3)), Duration.ofSeconds(30));
      // token 300 + 650 = 950 ms, consensus 1140 ms
      System.out.println("AES-GCM ring, token 300: kill -9 of n1 seen after " + detect + " ms");
      assertTrue(detect < 950 + 1140, "reformed in " + detect + " ms");
      assertEquals(0L, c.status(2).counters().get("dropped_bad_authentication"));
    }
  }

  @Test
  void twoLinksAreBothUsedAndReported() throws Exception {
    try (DaemonCluster c = new DaemonCluster(3, "", 2)) {
      c.startAll();
      List<Integer> all = List.of(1, 2, 3);
      c.await(all, DaemonCluster.ringOf(all), Duration.ofSeconds(60));
      c.await(
          all,
          s -> s.links().size() == 4 && s.links().stream().allMatch(StatusReply.LinkState::up),
          Duration.ofSeconds(30));
      StatusReply s = c.status(1);
      assertTrue(
          s.links().stream().anyMatch(l -> l.link() == 1 && l.addr().equals("127.0.1.2")),
          s.links().toString());
    }
  }
}
