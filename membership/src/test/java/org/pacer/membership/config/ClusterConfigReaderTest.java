package org.pacer.membership.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterConfigReaderTest {

  static final String THREE_NODES =
      """
      # A typical corosync 3 configuration, as pcs/crmsh write it.
      totem {
          version: 2
          cluster_name: web
          transport: knet
          crypto_cipher: aes256
          crypto_hash: sha256
          interface {
              linknumber: 0
              knet_link_priority: 1
          }
      }

      nodelist {
          node {
              ring0_addr: 127.0.0.1
              ring1_addr: 127.0.1.1
              name: alpha
              nodeid: 1
          }
          node {
              ring0_addr: 127.0.0.2
              ring1_addr: 127.0.1.2
              name: beta
              nodeid: 2
          }
          node {
              ring0_addr: 127.0.0.3
              ring1_addr: 127.0.1.3
              name: gamma
              nodeid: 3
          }
      }

      quorum {
          provider: corosync_votequorum
      }

      logging {
          to_logfile: yes
          logfile: /var/log/cluster/corosync.log
          to_syslog: yes
          timestamp: on
          logger_subsys {
              subsys: QUORUM
              debug: off
          }
      }
      """;

  @Test
  void readsARealisticFileWithCorosyncDefaults() throws Exception {
    ClusterConfig c = ClusterConfigReader.read("corosync.conf", THREE_NODES);
    assertEquals(List.of(), c.warnings());
    assertEquals("web", c.totem().clusterName());
    assertEquals(3, c.nodes().size());
    assertEquals("beta", c.node(2).orElseThrow().name());
    assertEquals("127.0.1.3", c.node(3).orElseThrow().addr(1).orElseThrow());
    assertEquals(2, c.linkCount());
    // token 3000 + (3 - 2) * 650; consensus 1.2 * token
    assertEquals(3650, c.tokenMs());
    assertEquals(4380, c.consensusMs());
    assertEquals(50, c.totem().joinMs());
    assertEquals(17, c.totem().maxMessages());
    assertEquals(50, c.totem().windowSize());
    assertEquals(2500, c.totem().failRecvConst());
    assertEquals(1500, c.totem().netmtu());
    assertEquals(5405, c.totem().port(0));
    assertTrue(c.totem().encrypted());
    assertEquals(3, c.expectedVotes());
    assertFalse(c.quorum().waitForAll());
    assertTrue(c.quorum().enabled());
  }

  @Test
  void unknownKeysAreWarningsNamingFileAndLine() throws Exception {
    String text = THREE_NODES.replace("    version: 2\n", "    version: 2\n    frobnicate: 7\n");
    ClusterConfig c = ClusterConfigReader.read("/etc/pacer/corosync.conf", text);
    assertEquals(1, c.warnings().size());
    assertEquals(
        "/etc/pacer/corosync.conf:4: unknown key 'totem.frobnicate' is ignored",
        c.warnings().get(0).toString());
  }

  @Test
  void syntaxErrorsNameFileAndLine() {
    ConfException missingClose =
        assertThrows(
            ConfException.class,
            () -> ClusterConfigReader.read("c.conf", "totem {\n  token: 1000\n"));
    assertEquals(
        "c.conf:1: section 'totem' opened here is never closed with '}'",
        missingClose.getMessage());

    ConfException extraClose =
        assertThrows(ConfException.class, () -> ClusterConfigReader.read("c.conf", "}\n"));
    assertEquals(1, extraClose.line());

    ConfException noColon =
        assertThrows(
            ConfException.class,
            () -> ClusterConfigReader.read("c.conf", "totem {\n  token 1000\n}\n"));
    assertEquals("c.conf", noColon.file());
    assertEquals(2, noColon.line());
    assertTrue(noColon.getMessage().contains("expected 'key: value'"), noColon.getMessage());
  }

  @Test
  void badValuesNameTheLine() {
    String text = THREE_NODES.replace("    version: 2\n", "    version: 2\n    token: soon\n");
    ConfException e =
        assertThrows(ConfException.class, () -> ClusterConfigReader.read("c.conf", text));
    assertEquals("c.conf:4: token must be a whole number, not 'soon'", e.getMessage());
  }

  @Test
  void nodelistProblemsAreErrors() {
    assertThrows(
        ConfException.class,
        () -> ClusterConfigReader.read("c", THREE_NODES.replace("nodeid: 2", "nodeid: 1")));
    assertThrows(
        ConfException.class,
        () -> ClusterConfigReader.read("c", THREE_NODES.replace("name: beta", "name: alpha")));
    assertThrows(
        ConfException.class, () -> ClusterConfigReader.read("c", "totem {\n cluster_name: x\n}\n"));
    assertThrows(
        ConfException.class,
        () ->
            ClusterConfigReader.read("c", "nodelist {\n node {\n  ring0_addr: 10.0.0.1\n }\n}\n"));
  }

  @Test
  void udpuDerivesMissingNodeIdFromIpv4AndTwoNodeImpliesWaitForAll() throws Exception {
    String text =
        """
        totem {
          transport: udpu
          token: 1000
        }
        nodelist {
          node {
            ring0_addr: 10.0.0.1
          }
          node {
            ring0_addr: 10.0.0.2
          }
        }
        quorum {
          provider: corosync_votequorum
          two_node: 1
        }
        """;
    ClusterConfig c = ClusterConfigReader.read("c", text);
    assertEquals(0x0A000001, c.nodes().get(0).nodeId());
    assertEquals("10.0.0.2", c.nodes().get(1).name());
    assertEquals(1000, c.tokenMs());
    assertEquals(1200, c.consensusMs());
    assertTrue(c.quorum().twoNode());
    assertTrue(c.quorum().waitForAll());
    assertEquals(2, c.expectedVotes());

    ClusterConfig noWfa =
        ClusterConfigReader.read("c", text.replace("two_node: 1", "two_node: 1\n wait_for_all: 0"));
    assertFalse(noWfa.quorum().waitForAll());
  }

  @Test
  void tieBreakerNodeList() throws Exception {
    String text =
        THREE_NODES.replace(
            "provider: corosync_votequorum",
            "provider: corosync_votequorum\n auto_tie_breaker: 1\n auto_tie_breaker_node: 3 1\n"
                + " last_man_standing: 1\n expected_votes: 5");
    ClusterConfig c = ClusterConfigReader.read("c", text);
    QuorumSettings q = c.quorum();
    assertEquals(List.of(), c.warnings());
    ClusterConfig downscale =
        ClusterConfigReader.read(
            "c", text.replace(" expected_votes: 5", " expected_votes: 5\n allow_downscale: 1"));
    assertTrue(
        downscale.warnings().get(0).message().contains("allow_downscale is not supported"),
        downscale.warnings().toString());
    assertTrue(q.autoTieBreaker());
    assertEquals(List.of(3, 1), q.tieBreakerNodes());
    assertTrue(q.lastManStanding());
    assertEquals(10_000, q.lastManStandingWindowMs());
    assertEquals(5, q.expectedVotes());
  }

  @Test
  void localNodeByOptionHostnameOrAddress() throws Exception {
    ClusterConfig c = ClusterConfigReader.read("c", THREE_NODES);
    assertEquals(2, LocalNode.choose(c, "beta", "host", Set.of()).nodeId());
    assertEquals(3, LocalNode.choose(c, "3", "host", Set.of()).nodeId());
    assertEquals(1, LocalNode.choose(c, null, "alpha.example.com", Set.of()).nodeId());
    assertEquals(
        2, LocalNode.choose(c, null, "host", Set.of(InetAddress.getByName("127.0.1.2"))).nodeId());
    ConfException none =
        assertThrows(ConfException.class, () -> LocalNode.choose(c, "delta", "h", Set.of()));
    assertTrue(none.getMessage().contains("alpha, beta, gamma"), none.getMessage());
    assertThrows(
        ConfException.class,
        () ->
            LocalNode.choose(
                c,
                null,
                "host",
                Set.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("127.0.0.2"))));
  }

  @Test
  void ipv6AddressesAndTheirLocalMatch() throws Exception {
    String text =
        """
        nodelist {
          node {
            nodeid: 1
            name: a
            ring0_addr: fd00::1
          }
          node {
            nodeid: 2
            name: b
            ring0_addr: fd00::2
          }
        }
        """;
    ClusterConfig c = ClusterConfigReader.read("c", text);
    assertEquals("fd00::2", c.node(2).orElseThrow().addr(0).orElseThrow());
    assertEquals(
        2, LocalNode.choose(c, null, "h", Set.of(InetAddress.getByName("fd00::2"))).nodeId());
  }
}
