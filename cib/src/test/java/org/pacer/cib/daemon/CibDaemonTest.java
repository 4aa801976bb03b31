package org.pacer.cib.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.cib.cli.CibCommand;
import org.pacer.cib.client.CibClient;
import org.pacer.cib.client.CibMirror;
import org.pacer.cib.client.LiveConnections;
import org.pacer.cib.document.CibError;
import org.pacer.cib.document.CibException;
import org.pacer.cib.document.CibSection;
import org.pacer.cib.document.CibVersion;
import org.pacer.cib.ops.CibQuery;
import org.pacer.cib.ops.CibWrite;
import org.pacer.cib.replication.SoloGroup;
import org.pacer.cib.testing.TestCibs;
import org.pacer.messaging.daemon.DaemonContext;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.rpc.ClientOptions;
import org.pacer.messaging.transport.Endpoint;
import org.pacer.messaging.transport.EventLoops;

/** The daemon over its local socket (one node), with the real client, mirror and command. */
class CibDaemonTest {
  @TempDir Path root;
  EventLoops loops;
  CibDaemonFactory.Running daemon;
  NodePaths paths;

  CibDaemonFactory factory() {
    return new CibDaemonFactory(
        ctx -> new SoloGroup(), (u, p) -> u.equals("admin") && p.equals("s3cret"), "127.0.0.1");
  }

  @BeforeEach
  void start() throws Exception {
    loops = EventLoops.create("test", 1);
    paths = new NodePaths(root);
    daemon = factory().start(new DaemonContext(paths, "node1", loops, Clock.systemUTC()));
  }

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
    loops.close();
  }

  CibClient client() {
    return CibClient.connect(
        loops,
        new Endpoint.Local(paths.socket("cib")),
        ClientOptions.named("test"),
        Duration.ofSeconds(20));
  }

  void seed(CibClient c) {
    c.write(new CibWrite.Replace(null, null, TestCibs.smallXml()), null);
  }

  @Test
  void writesAreAppliedPersistedAndQueryable() throws Exception {
    try (CibClient c = client()) {
      seed(c);
      CibVersion v =
          c.write(
              new CibWrite.Create(
                  CibSection.RESOURCES, "<primitive id=\"db\" class=\"lsb\" type=\"x\"/>"),
              null);
      assertEquals(new CibVersion(0, 5, 0), v);
      assertTrue(c.query(CibQuery.xpath("//primitive[@id='db']")).contains("type=\"x\""));
      assertEquals(v.toString(), c.status().path("version").asText());
    }
    Path stored = paths.libDir().resolve("cib/cib.xml");
    assertTrue(Files.readString(stored).contains("id=\"db\""));
    assertFalse(Files.readString(stored).contains("node_state"), "status is not persisted");
  }

  @Test
  void badWritesFailWithTheirCodeAndChangeNothing() {
    try (CibClient c = client()) {
      seed(c);
      String before = c.query(CibQuery.whole());
      CibException e =
          assertThrows(
              CibException.class,
              () ->
                  c.write(
                      new CibWrite.Create(
                          CibSection.RESOURCES, "<primitive id=\"d\" class=\"ocf\" type=\"x\"/>"),
                      null));
      assertEquals(CibError.SCHEMA, e.error());
      assertTrue(e.getMessage().contains("'provider'"), e.getMessage());
      assertEquals(
          CibError.MALFORMED,
          assertThrows(
                  CibException.class,
                  () -> c.write(new CibWrite.Create(CibSection.RESOURCES, "<primitive"), null))
              .error());
      assertEquals(
          CibError.BAD_XPATH,
          assertThrows(CibException.class, () -> c.query(CibQuery.xpath("//[x"))).error());
      assertEquals(before, c.query(CibQuery.whole()));
    }
  }

  @Test
  void aMirrorFollowsByDiffs() throws Exception {
    try (CibClient writer = client();
        CibMirror mirror = new CibMirror(client(), cib -> {})) {
      seed(writer);
      for (int i = 0; i < 20; i++) {
        writer.write(
            new CibWrite.Create(
                CibSection.RESOURCES, "<primitive id=\"p" + i + "\" class=\"lsb\" type=\"x\"/>"),
            null);
      }
      String want = writer.query(CibQuery.whole());
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!want.equals(mirror.cib().toXml()) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(want, mirror.cib().toXml());
      assertTrue(mirror.diffsApplied() >= 20, "diffs: " + mirror.diffsApplied());
    }
  }

  @Test
  void aMirrorThatLostNotificationsRefreshesInFull() throws Exception {
    try (CibClient writer = client()) {
      seed(writer);
    }
    CibClient mirrorClient =
        CibClient.connect(
            loops,
            new Endpoint.Local(paths.socket("cib")),
            ClientOptions.named("mirror")
                .withBackoff(Duration.ofMillis(20), Duration.ofMillis(200)),
            Duration.ofSeconds(20));
    try (CibMirror mirror = new CibMirror(mirrorClient, cib -> {})) {
      long before = mirror.refreshes();
      // The daemon goes away and comes back: whatever it pushed meanwhile is lost to the mirror.
      daemon.close();
      daemon = factory().start(new DaemonContext(paths, "node1", loops, Clock.systemUTC()));
      try (CibClient writer = client()) {
        writer.write(new CibWrite.Create(CibSection.NODES, "<node id=\"8\" uname=\"n8\"/>"), null);
        String want = writer.query(CibQuery.whole());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!want.equals(mirror.cib().toXml()) && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertEquals(want, mirror.cib().toXml());
      }
      assertTrue(mirror.refreshes() > before, "the reconnect caused a full refresh");
    }
  }

  @Test
  void aclsApplyToTheIdentityTheSocketSaw() {
    try (CibClient admin = client()) {
      seed(admin);
      admin.write(
          new CibWrite.Create(
              CibSection.CONFIGURATION,
              "<acls><acl_role id=\"ro\"><acl_permission id=\"ro-all\" kind=\"read\" xpath=\"/cib\"/>"
                  + "<acl_permission id=\"no-port\" kind=\"deny\" xpath=\"//nvpair[@name='port']\"/></acl_role>"
                  + "<acl_target id=\"alice\"><role id=\"ro\"/></acl_target></acls>"),
          null);
      admin.write(
          new CibWrite.Create(
              CibSection.CRM_CONFIG,
              "<cluster_property_set id=\"acl-opts\"><nvpair id=\"acl-on\" name=\"enable-acl\" value=\"true\"/></cluster_property_set>"),
          null);
      try (CibClient alice = client().actingAs("alice")) {
        CibException e =
            assertThrows(
                CibException.class,
                () ->
                    alice.write(
                        new CibWrite.Modify(
                            null, null, "<primitive id=\"web\" description=\"x\"/>", false),
                        null));
        assertEquals(CibError.PERMISSION_DENIED, e.error());
        assertTrue(alice.query(CibQuery.whole()).contains("<primitive id=\"web\""));
        assertEquals(
            CibError.NO_SUCH_OBJECT,
            assertThrows(
                    CibException.class, () -> alice.query(CibQuery.xpath("//nvpair[@name='port']")))
                .error());
      }
    }
  }

  @Test
  void crmCibWorksAgainstTheDaemon() {
    Map<String, String> env = Map.of("PACER_ROOT", root.toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        CibCommand.run(
            env,
            new ByteArrayInputStream(new byte[0]),
            new PrintWriter(out),
            new PrintWriter(err),
            LiveConnections::open,
            "-C",
            "-o",
            "nodes",
            "-X",
            "<node id=\"7\" uname=\"n7\"/>");
    assertEquals(0, code, err.toString());
    code =
        CibCommand.run(
            env,
            new ByteArrayInputStream(new byte[0]),
            new PrintWriter(out),
            new PrintWriter(err),
            LiveConnections::open,
            "-Q",
            "-o",
            "nodes");
    assertEquals(0, code, err.toString());
    assertTrue(out.toString().contains("uname=\"n7\""), out.toString());
  }

  @Test
  void restartKeepsTheConfiguration() throws Exception {
    try (CibClient c = client()) {
      seed(c);
    }
    daemon.close();
    daemon = factory().start(new DaemonContext(paths, "node1", loops, Clock.systemUTC()));
    try (CibClient c = client()) {
      assertTrue(c.query(CibQuery.whole()).contains("<primitive id=\"web\""));
    }
  }

  @Test
  void remoteAdministrationOverClearTcpAuthenticates() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (CibClient c = client()) {
      seed(c);
      c.write(
          new CibWrite.Modify(null, null, "<cib remote-clear-port=\"" + port + "\"/>", false),
          null);
    }
    assertEquals(port, daemon.remotePort(false));
    Map<String, String> env =
        Map.of(
            "CIB_server",
            "127.0.0.1",
            "CIB_port",
            Integer.toString(port),
            "CIB_user",
            "admin",
            "CIB_passwd",
            "s3cret",
            "CIB_encrypted",
            "false");
    try (var remote = LiveConnections.open(env)) {
      assertTrue(remote.query(CibQuery.section(CibSection.RESOURCES)).contains("web"));
    }
    Map<String, String> wrong = new java.util.HashMap<>(env);
    wrong.put("CIB_passwd", "guess");
    CibException e = assertThrows(CibException.class, () -> LiveConnections.open(wrong).close());
    assertTrue(
        e.error() == CibError.NOT_AUTHENTICATED || e.error() == CibError.DISCONNECTED,
        e.toString());
    try (CibClient c = client()) {
      c.write(
          new CibWrite.Create(
              CibSection.CRM_CONFIG,
              "<cluster_property_set id=\"acl-opts\"><nvpair id=\"acl-on\" name=\"enable-acl\" value=\"true\"/></cluster_property_set>"),
          null);
    }
    try (var remote = LiveConnections.open(env)) {
      // The remote user has no ACL role: with ACLs on, the resources are invisible to them.
      assertEquals(
          CibError.NO_SUCH_OBJECT,
          assertThrows(
                  CibException.class, () -> remote.query(CibQuery.section(CibSection.RESOURCES)))
              .error());
    }
    try (CibClient c = client()) {
      c.write(new CibWrite.Modify(null, null, "<cib remote-clear-port=\"0\"/>", false), null);
    }
    assertEquals(0, daemon.remotePort(false));
  }
}
