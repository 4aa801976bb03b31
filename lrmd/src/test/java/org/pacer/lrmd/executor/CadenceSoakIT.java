package org.pacer.lrmd.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.lrmd.agent.AgentId;
import org.pacer.lrmd.agent.TestNode;
import org.pacer.lrmd.bench.CadenceRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 100 resources with 1 s monitors of ocf:heartbeat:Dummy for 60 s. Runs only in the soak profile:
 * {@code mvn -pl lrmd -am verify -Psoak -Dit.test=CadenceSoakIT}.
 */
class CadenceSoakIT {

  private static final Logger log = LoggerFactory.getLogger(CadenceSoakIT.class);

  @TempDir Path dir;

  @Test
  void hundredResourcesKeepTheirOneSecondCadenceForAMinute() throws Exception {
    assumeTrue(Boolean.getBoolean("pacer.soak"), "soak runs only with -Psoak");
    TestNode.assumeAgentsInstalled();
    try (TestNode node = new TestNode(dir);
        ThreadScheduler scheduler = new ThreadScheduler("lrmd-soak")) {
      ExecutorHandle executor =
          new ExecutorHandle(
              new Executor(scheduler, node.agents, Clock.systemUTC(), ExecutorLimits.defaults(), 1),
              scheduler);
      CadenceRun.Report report =
          CadenceRun.run(
              executor,
              AgentId.parse("ocf:heartbeat:Dummy"),
              Map.of(),
              100,
              1000,
              Duration.ofSeconds(60));
      log.info("soak: {}", report.describe());
      System.out.println("soak: " + report.describe());
      assertEquals(0, report.failedRuns(), report::describe);
      // Each resource is due 60 times; a slot is skipped only when a run overruns its second.
      assertTrue(report.minRunsPerResource() >= 54, report::describe);
    }
  }
}
