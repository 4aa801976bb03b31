package org.pacer.lrmd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.lrmd.LrmdDaemon;
import org.pacer.lrmd.agent.TestNode;
import org.pacer.lrmd.client.LrmdClient;
import org.pacer.lrmd.protocol.LrmdProtocol;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.rpc.ClientOptions;
import org.pacer.messaging.transport.EventLoops;

/** {@code pacer-lrmd --root DIR --node NAME} as its own JVM: serves, then stops on SIGTERM. */
class LrmdDaemonProcessIT {

  @TempDir Path dir;
  private Process daemon;

  @AfterEach
  void stop() {
    if (daemon != null && daemon.isAlive()) {
      daemon.destroyForcibly();
    }
  }

  @Test
  void servesOnItsSocketAndStopsCleanlyOnSigterm() throws Exception {
    TestNode.assumeAgentsInstalled();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = dir.resolve("lrmd.log");
    daemon =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                LrmdDaemon.class.getName(),
                "--root",
                dir.toString(),
                "--node",
                "n1")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    NodePaths paths = new NodePaths(dir);
    try (EventLoops loops = EventLoops.create("lrmd-process-it", 1);
        LrmdClient client =
            LrmdClient.connect(
                loops,
                paths,
                ClientOptions.named("test").withConnectWait(Duration.ofSeconds(60)),
                Duration.ofSeconds(30))) {
      client.register("d", "ocf:heartbeat:Dummy", Map.of(), Map.of()).get();
      LrmdProtocol.Result start =
          client
              .run(new LrmdProtocol.Execute("d", "start", 0, 20_000, 0, null, null, null, "t"))
              .get(60, TimeUnit.SECONDS);
      assertEquals(0, start.rc());
      // The node's root is not /, so the agent's state went under it.
      assertTrue(Files.exists(dir.resolve("run/resource-agents/Dummy-d.state")));
      assertEquals(
          List.of("Dummy"),
          client.agents("ocf", "heartbeat").get().stream().filter("Dummy"::equals).toList());
    }
    new ProcessBuilder("kill", "-TERM", Long.toString(daemon.pid())).start().waitFor();
    assertTrue(daemon.waitFor(60, TimeUnit.SECONDS), "lrmd did not stop on SIGTERM");
    assertFalse(Files.exists(paths.socket(LrmdProtocol.NAME)), "the socket was left behind");
    String output = Files.readString(log);
    assertTrue(output.contains("pacer-lrmd started on node n1"), output);
  }
}
