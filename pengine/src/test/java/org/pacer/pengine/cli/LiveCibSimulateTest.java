package org.pacer.pengine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.cib.client.CibClient;
import org.pacer.cib.daemon.CibDaemonFactory;
import org.pacer.cib.ops.CibWrite;
import org.pacer.cib.replication.SoloGroup;
import org.pacer.messaging.daemon.DaemonContext;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.rpc.ClientOptions;
import org.pacer.messaging.transport.Endpoint;
import org.pacer.messaging.transport.EventLoops;
import org.pacer.pengine.TestCibs;

/**
 * crm simulate -L and crm verify -L against a running CIB daemon (one node, its socket in a
 * temporary root): they read the live CIB when CIB_file is not set.
 */
class LiveCibSimulateTest {
  @TempDir Path root;
  EventLoops loops;
  CibDaemonFactory.Running daemon;

  @BeforeEach
  void start() throws Exception {
    loops = EventLoops.create("pengine-test", 1);
    NodePaths paths = new NodePaths(root);
    daemon =
        new CibDaemonFactory(context -> new SoloGroup(), (u, p) -> false, "127.0.0.1")
            .start(new DaemonContext(paths, "n1", loops, Clock.systemUTC()));
    try (CibClient c =
        CibClient.connect(
            loops,
            new Endpoint.Local(paths.socket("cib")),
            ClientOptions.named("test"),
            Duration.ofSeconds(20))) {
      // The daemon validates what it stores: give the test CIB the attributes the schema wants.
      String cib =
          TestCibs.TWO_NODES.replaceFirst(
              "<cib",
              "<cib validate-with='pacemaker-3.9' epoch='1' num_updates='0' admin_epoch='0'");
      c.write(new CibWrite.Replace(null, null, cib), null);
    }
  }

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
    loops.close();
  }

  @Test
  void simulatesAndVerifiesTheLiveCib() throws Exception {
    Map<String, String> env = Map.of("PACER_ROOT", root.toString());
    SimulateCommandTest.Run r = SimulateCommandTest.run(SimulateCommandTest.cmd(env), "-L", "-S");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("* Start      web ( n2 )"), r.out());
    assertTrue(r.out().contains("Revised Cluster Status:"), r.out());
    SimulateCommandTest.Run v =
        SimulateCommandTest.run(new VerifyCommand(Clock.systemUTC(), env), "-L");
    assertEquals(0, v.code(), v.err());
    // CIB_file, when set, is the live CIB for the tools, as with Pacemaker's.
    Path f = root.resolve("other.xml");
    Files.writeString(f, TestCibs.TWO_NODES.replace("uname='n2'", "uname='n9'"));
    SimulateCommandTest.Run file =
        SimulateCommandTest.run(
            SimulateCommandTest.cmd(
                Map.of("PACER_ROOT", root.toString(), "CIB_file", f.toString())),
            "-L");
    assertTrue(file.out().contains("n9"), file.out());
  }
}
