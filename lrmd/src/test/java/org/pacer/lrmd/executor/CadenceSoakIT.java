package org.pacer.lrmd.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.lrmd.agent.AgentId;
import org.pacer.lrmd.agent.TestNode;
import org.pacer.lrmd.bench.CadenceRun;
import org.pacer.lrmd.client.LrmdClient;
import org.pacer.lrmd.daemon.LrmdService;
import org.pacer.messaging.daemon.DaemonContext;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.rpc.ClientOptions;
import org.pacer.messaging.transport.EventLoops;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 100 resources with 1 s monitors of ocf:heartbeat:Dummy for 60 s, in the daemon, with a subscribed
 * client receiving every result over the socket. Runs only in the soak profile: {@code mvn -pl lrmd
 * -am verify -Psoak -Dit.test=CadenceSoakIT}.
 */
class CadenceSoakIT {

  private static final Logger log = LoggerFactory.getLogger(CadenceSoakIT.class);

  @TempDir Path dir;

  @Test
  void hundredResourcesKeepTheirOneSecondCadenceForAMinute() throws Exception {
    assumeTrue(Boolean.getBoolean("pacer.soak"), "soak runs only with -Psoak");
    TestNode.assumeAgentsInstalled();
    NodePaths paths = new NodePaths(dir.resolve("node"));
    AtomicLong pushed = new AtomicLong();
    try (TestNode node = new TestNode(dir.resolve("agents"));
        EventLoops loops = EventLoops.create("lrmd-soak", 2);
        LrmdService service =
            LrmdService.start(
                new DaemonContext(paths, "node1", loops, Clock.systemUTC()),
                node.config,
                ExecutorLimits.defaults());
        LrmdClient client =
            LrmdClient.connect(loops, paths, ClientOptions.named("soak"), Duration.ofSeconds(30))) {
      client.subscribe(result -> pushed.incrementAndGet()).get();
      CadenceRun.Report report =
          CadenceRun.run(
              service.executor(),
              AgentId.parse("ocf:heartbeat:Dummy"),
              Map.of(),
              100,
              1000,
              Duration.ofSeconds(60));
      String summary = report.describe() + "; results pushed to the client: " + pushed.get();
      log.info("soak: {}", summary);
      System.out.println("soak: " + summary);
      assertEquals(0, report.failedRuns(), summary);
      // Each resource is due 60 times; a slot is skipped only when a run overruns its second.
      assertTrue(report.minRunsPerResource() >= 54, summary);
      assertTrue(pushed.get() >= report.monitorRuns(), summary);
    }
  }
}
