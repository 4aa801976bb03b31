package org.pacer.membership.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.membership.api.StatusReply;
import org.pacer.membership.client.MembershipClient;
import org.pacer.messaging.daemon.Daemon;
import org.pacer.messaging.daemon.DaemonContext;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.transport.EventLoops;

/** The daemon started in this JVM: what a bad configuration does, and a one-node ring. */
class MembershipDaemonFactoryTest {

  @TempDir Path root;
  final EventLoops loops = EventLoops.create("factory-test", 1);

  @AfterEach
  void close() {
    loops.close();
  }

  private NodePaths setUp(String conf) throws Exception {
    NodePaths p = new NodePaths(root);
    Files.createDirectories(p.etcDir());
    Files.writeString(p.corosyncConf(), conf);
    byte[] key = new byte[128];
    new SecureRandom().nextBytes(key);
    Files.write(p.authkey(), key);
    Files.setPosixFilePermissions(p.authkey(), PosixFilePermissions.fromString("r--------"));
    return p;
  }

  private DaemonContext ctx(NodePaths p, String node) {
    return new DaemonContext(p, node, loops, Clock.systemUTC());
  }

  @Test
  void aSyntaxErrorStopsTheStartNamingFileAndLine() throws Exception {
    NodePaths p = setUp("totem {\n  token 3000\n}\n");
    Exception e =
        assertThrows(Exception.class, () -> new MembershipDaemonFactory().start(ctx(p, "n1")));
    assertEquals(
        p.corosyncConf() + ":2: expected 'key: value', 'name {' or '}' but found 'token 3000'",
        e.getMessage());
    assertTrue(Files.notExists(p.socket("membership")), "nothing started");
  }

  @Test
  void anUnknownNodeNameStopsTheStart() throws Exception {
    NodePaths p = setUp(conf(38_000 + new SecureRandom().nextInt(2000)));
    Exception e =
        assertThrows(Exception.class, () -> new MembershipDaemonFactory().start(ctx(p, "nope")));
    assertTrue(e.getMessage().contains("--node nope matches no node"), e.getMessage());
  }

  @Test
  void aOneNodeRingAnswersStatus() throws Exception {
    NodePaths p = setUp(conf(38_000 + new SecureRandom().nextInt(2000)));
    try (Daemon d = new MembershipDaemonFactory().start(ctx(p, "solo"));
        MembershipClient c = MembershipClient.connect(p, loops, "test", Duration.ofSeconds(5))) {
      StatusReply s = null;
      for (int i = 0; i < 200; i++) {
        s = c.status().get(5, TimeUnit.SECONDS);
        if (s.state().equals("operational")) {
          break;
        }
        Thread.sleep(20);
      }
      assertEquals("operational", s.state());
      assertEquals("solo", s.node());
      assertEquals(1, s.members().size());
      assertTrue(s.quorum().quorate(), "1 of 1 vote");
      assertTrue(Files.exists(p.libDir().resolve("membership/ringseq")));
    }
  }

  private static String conf(int port) {
    return "totem {\n cluster_name: t\n interface {\n  linknumber: 0\n  mcastport: "
        + port
        + "\n }\n}\nnodelist {\n node {\n  nodeid: 1\n  name: solo\n  ring0_addr: 127.0.0.1\n"
        + " }\n}\nquorum {\n provider: corosync_votequorum\n}\n";
  }
}
