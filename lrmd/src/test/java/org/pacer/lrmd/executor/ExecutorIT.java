package org.pacer.lrmd.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.lrmd.agent.AgentId;
import org.pacer.lrmd.agent.ExecStatus;
import org.pacer.lrmd.agent.OcfCode;
import org.pacer.lrmd.agent.TestNode;
import org.pacer.lrmd.bench.CadenceRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The executor running real agents on its own thread. */
class ExecutorIT {

  private static final Logger log = LoggerFactory.getLogger(ExecutorIT.class);

  @TempDir Path dir;
  private TestNode node;
  private ThreadScheduler scheduler;
  private ExecutorHandle executor;
  private final List<OperationResult> published = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    TestNode.assumeAgentsInstalled();
    node = new TestNode(dir);
    scheduler = new ThreadScheduler("lrmd-test-executor");
    executor =
        new ExecutorHandle(
            new Executor(scheduler, node.agents, Clock.systemUTC(), ExecutorLimits.defaults(), 1),
            scheduler);
    executor.subscribe(published::add).get();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (scheduler != null) {
      scheduler.close();
    }
    if (node != null) {
      node.close();
    }
  }

  private OperationResult run(OperationRequest request) throws Exception {
    return executor.execute(request).get(60, TimeUnit.SECONDS);
  }

  @Test
  void dummyLifecycleWithARecurringMonitor() throws Exception {
    executor
        .register(
            new ResourceDefinition("d", AgentId.parse("ocf:heartbeat:Dummy"), Map.of(), Map.of()))
        .get();
    assertEquals(OcfCode.NOT_RUNNING, run(OperationRequest.of("d", "monitor", 0, 20_000)).code());
    assertEquals(OcfCode.OK, run(OperationRequest.of("d", "start", 0, 20_000)).code());
    OperationResult first = run(OperationRequest.of("d", "monitor", 200, 20_000));
    assertEquals(OcfCode.OK, first.code());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (published.stream().filter(r -> r.intervalMs() == 200).count() < 3
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(published.stream().filter(r -> r.intervalMs() == 200).count() >= 3);
    assertEquals(OcfCode.OK, run(OperationRequest.of("d", "stop", 0, 20_000)).code());
    assertTrue(
        published.stream()
            .anyMatch(r -> r.intervalMs() == 200 && r.status() == ExecStatus.CANCELLED));
    assertEquals(OcfCode.NOT_RUNNING, run(OperationRequest.of("d", "monitor", 0, 20_000)).code());
    List<OperationResult> last = executor.lastResults("d").get();
    assertEquals("d_monitor_0", last.get(last.size() - 1).operationKey());
  }

  @Test
  void aHangingResourceDoesNotHoldUpTheOthers() throws Exception {
    Path pids = node.pidFile("hang.pids");
    executor
        .register(
            new ResourceDefinition(
                "hang",
                AgentId.parse("ocf:pacer:Misbehave"),
                Map.of("mode", "hang", "pids", pids.toString()),
                Map.of()))
        .get();
    executor
        .register(
            new ResourceDefinition("d", AgentId.parse("ocf:heartbeat:Dummy"), Map.of(), Map.of()))
        .get();
    var hanging = executor.execute(OperationRequest.of("hang", "start", 0, 3000));
    for (int i = 0; i < 5; i++) {
      assertEquals(OcfCode.OK, run(OperationRequest.of("d", "start", 0, 20_000)).code());
      assertTrue(!hanging.isDone(), "the other resource finished while the hang runs");
    }
    OperationResult hung = hanging.get(60, TimeUnit.SECONDS);
    assertEquals(ExecStatus.TIMEOUT, hung.status());
    for (long pid : node.pids(pids)) {
      assertTrue(!node.running(pid), "process " + pid + " of the hung agent survived");
    }
  }

  @Test
  void manyResourcesKeepTheirMonitorCadence() throws Exception {
    CadenceRun.Report report =
        CadenceRun.run(
            executor,
            AgentId.parse("ocf:heartbeat:Dummy"),
            Map.of(),
            20,
            1000,
            Duration.ofSeconds(3));
    log.info("cadence: {}", report.describe());
    assertEquals(0, report.failedRuns(), report::describe);
    assertTrue(report.minRunsPerResource() >= 1, report::describe);
  }
}
