package org.pacer.cli.configure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.cib.client.CibClient;
import org.pacer.cib.daemon.CibDaemonFactory;
import org.pacer.cib.ops.CibQuery;
import org.pacer.cib.ops.CibWrite;
import org.pacer.cib.replication.SoloGroup;
import org.pacer.messaging.daemon.DaemonContext;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.rpc.ClientOptions;
import org.pacer.messaging.transport.Endpoint;
import org.pacer.messaging.transport.EventLoops;

/**
 * crm configure against a running cib daemon (one node, its Unix socket in a temporary root): a
 * session's changes reach the live CIB as one write, and a commit based on a CIB that has moved on
 * is refused.
 */
class LiveCibTest {
  @TempDir Path root;
  EventLoops loops;
  CibDaemonFactory.Running daemon;
  NodePaths paths;

  @BeforeEach
  void start() throws Exception {
    loops = EventLoops.create("crm-test", 1);
    paths = new NodePaths(root);
    daemon =
        new CibDaemonFactory(context -> new SoloGroup(), (u, p) -> false, "127.0.0.1")
            .start(new DaemonContext(paths, "node1", loops, Clock.systemUTC()));
    try (CibClient c = client()) {
      Path seed = root.resolve("seed.xml");
      SharedCorpus.writeCibWithoutFencing(seed);
      c.write(new CibWrite.Replace(null, null, java.nio.file.Files.readString(seed)), null);
    }
  }

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
    loops.close();
  }

  private CibClient client() {
    return CibClient.connect(
        loops,
        new Endpoint.Local(paths.socket("cib")),
        ClientOptions.named("test"),
        Duration.ofSeconds(20));
  }

  private SharedCorpus.Run crm(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int rc =
        new CrmRunner(
                Map.of("PACER_ROOT", root.toString()),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out),
                new PrintWriter(err),
                root)
            .run(List.of(args));
    return new SharedCorpus.Run(rc, out.toString(), err.toString());
  }

  private String live() {
    try (CibClient c = client()) {
      return c.query(CibQuery.whole());
    }
  }

  @Test
  void aSessionIsOneWriteToTheLiveCib() {
    SharedCorpus.Run r =
        crm(
            "configure\nprimitive a Dummy op monitor interval=10s\nprimitive b Dummy\n"
                + "group g a b\nlocation l g 100: node1\ncommit\n");
    assertEquals(0, r.exit(), r.err());
    String cib = live();
    assertTrue(cib.contains("<group id=\"g\">"), cib);
    assertTrue(cib.contains("id=\"a-monitor-10s\""), cib);
    assertTrue(cib.contains("epoch=\"2\"") || cib.contains("epoch=\"3\""), cib);
    r = crm("", "configure", "show", "l");
    assertEquals("location l g 100: node1\n", r.out());
  }

  private org.pacer.cli.configure.session.ConfigureSession staged(String script, StringWriter err)
      throws Exception {
    org.pacer.cli.configure.store.ConnectionStore store =
        new org.pacer.cli.configure.store.ConnectionStore(
            org.pacer.cib.client.LiveConnections.open(Map.of("PACER_ROOT", root.toString())));
    var session =
        new org.pacer.cli.configure.session.ConfigureSession(
            store,
            new org.pacer.cli.configure.session.ShellOptions(),
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
            new ByteArrayInputStream(new byte[0]));
    for (var c : org.pacer.cli.configure.parse.ConfigureParser.parseAll(script)) {
      session.execute(c);
    }
    return session;
  }

  @Test
  void aCommitOntoAMovedCibCarriesOnlyOurChangesOrNamesTheConflict() throws Exception {
    // a second writer moves the CIB on while a session has it staged: other objects merge
    StringWriter err = new StringWriter();
    var session = staged("primitive mine Dummy", err);
    assertEquals(0, crm("", "configure", "primitive", "theirs", "Dummy").exit());
    session.commit(false);
    assertTrue(err.toString().contains("committing only our changes: mine"), err.toString());
    String cib = live();
    assertTrue(cib.contains("id=\"theirs\"") && cib.contains("id=\"mine\""), cib);

    // both change the same object: refused, naming it, nothing written
    var second = staged("delete mine", new StringWriter());
    assertEquals(0, crm("", "resource", "meta", "mine", "set", "target-role", "Stopped").exit());
    String before = live();
    Exception e =
        org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> second.commit(false));
    assertTrue(
        e.getMessage().contains("changed both here and there: mine")
            && e.getMessage().contains("nothing written"),
        e.getMessage());
    assertEquals(before, live());
  }

  @Test
  void statusWithoutAControllerSaysWhichDaemonIsMissing() {
    SharedCorpus.Run r = crm("", "status");
    assertEquals(1, r.exit());
    assertTrue(
        r.err().contains("pacer-crmd is not running on this node")
            && r.err().contains(paths.socket("crmd").toString()),
        r.err());
  }
}
