package org.pacer.cib.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.cib.client.CibClient;
import org.pacer.cib.client.CibConnection;
import org.pacer.cib.client.LiveConnections;
import org.pacer.cib.document.CibException;
import org.pacer.cib.document.CibSection;
import org.pacer.cib.ops.CibQuery;
import org.pacer.cib.ops.CibWrite;
import org.pacer.cib.replication.SoloGroup;
import org.pacer.cib.testing.TestCibs;
import org.pacer.messaging.daemon.DaemonContext;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.rpc.ClientOptions;
import org.pacer.messaging.testing.TestCertificates;
import org.pacer.messaging.transport.Endpoint;
import org.pacer.messaging.transport.EventLoops;

/** remote-tls-port: CIB_server/CIB_port/CIB_user/CIB_passwd/CIB_encrypted over TLS. */
class RemoteTlsTest {
  @TempDir Path root;

  @Test
  void aRemoteUserQueriesAndWritesOverTls() throws Exception {
    NodePaths paths = new NodePaths(root);
    Files.createDirectories(paths.etcDir());
    TestCertificates.Pair certs = TestCertificates.create(root, "node1");
    Files.copy(certs.keyStore(), paths.etcDir().resolve("cib-remote.p12"));
    Files.writeString(paths.etcDir().resolve("cib-remote.pass"), TestCertificates.PASSWORD + "\n");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (EventLoops loops = EventLoops.create("tls", 1);
        var daemon =
            new CibDaemonFactory(
                    ctx -> new SoloGroup(),
                    (u, p) -> u.equals("admin") && p.equals("s3cret"),
                    "127.0.0.1")
                .start(new DaemonContext(paths, "node1", loops, Clock.systemUTC()))) {
      try (CibClient local =
          CibClient.connect(
              loops,
              new Endpoint.Local(paths.socket("cib")),
              ClientOptions.named("t"),
              Duration.ofSeconds(20))) {
        local.write(new CibWrite.Replace(null, null, TestCibs.smallXml()), null);
        local.write(
            new CibWrite.Modify(null, null, "<cib remote-tls-port=\"" + port + "\"/>", false),
            null);
      }
      assertEquals(port, daemon.remotePort(true));
      Map<String, String> env = new HashMap<>();
      env.put("CIB_server", "127.0.0.1");
      env.put("CIB_port", Integer.toString(port));
      env.put("CIB_user", "admin");
      env.put("CIB_passwd", "s3cret");
      env.put("CIB_trust_store", certs.trustStore().toString());
      env.put("CIB_trust_store_password", TestCertificates.PASSWORD);
      try (CibConnection remote = LiveConnections.open(env)) {
        assertTrue(remote.query(CibQuery.section(CibSection.RESOURCES)).contains("id=\"web\""));
        java.util.concurrent.CompletableFuture<String> diff =
            new java.util.concurrent.CompletableFuture<>();
        ((CibClient) remote).subscribe(body -> diff.complete(body.toString()), body -> {});
        remote.write(
            new CibWrite.Create(CibSection.NODES, "<node id=\"9\" uname=\"remote-made\"/>"), null);
        assertTrue(remote.query(CibQuery.section(CibSection.NODES)).contains("remote-made"));
        assertTrue(
            diff.get(20, java.util.concurrent.TimeUnit.SECONDS).contains("remote-made"),
            "a remote subscriber gets the diff");
      }
      env.remove("CIB_trust_store");
      CibException e = assertThrows(CibException.class, () -> LiveConnections.open(env));
      assertTrue(e.getMessage().contains("CIB_trust_store"), e.getMessage());
    }
  }
}
