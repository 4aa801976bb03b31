package org.pacer.lrmd.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pacer.lrmd.agent.AgentId;
import org.pacer.lrmd.agent.ExecStatus;
import org.pacer.lrmd.agent.OcfCode;

/** The executor's scheduling rules on virtual time. */
class ExecutorTest {

  private final VirtualScheduler scheduler = new VirtualScheduler(0);
  private final ScriptedAgents agents = new ScriptedAgents(scheduler);
  private final List<OperationResult> published = new ArrayList<>();
  private Executor executor = executor(8);

  private Executor executor(int maxParallel) {
    Executor e =
        new Executor(
            scheduler,
            agents,
            Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
            ExecutorLimits.defaults().withMaxParallel(maxParallel),
            100);
    e.subscribe(published::add);
    return e;
  }

  private void register(String... ids) {
    for (String id : ids) {
      executor.register(
          new ResourceDefinition(
              id, AgentId.parse("ocf:heartbeat:Dummy"), Map.of("a", "1"), Map.of()));
    }
  }

  private List<OperationResult> results(String action) {
    return published.stream().filter(r -> r.action().equals(action)).toList();
  }

  @Test
  void oneOperationAtATimePerResourceInOrder() {
    agents.manual();
    register("r1");
    executor.submit(OperationRequest.of("r1", "start", 0, 20_000));
    executor.submit(OperationRequest.of("r1", "monitor", 0, 20_000));
    scheduler.runPending();
    assertEquals(1, agents.runs.size());
    scheduler.advanceBy(700);
    agents.complete(0, OcfCode.OK);
    scheduler.runPending();
    assertEquals(2, agents.runs.size());
    assertEquals("monitor", agents.runs.get(1).request().action());
    agents.complete(1, OcfCode.OK);
    scheduler.runPending();
    OperationResult monitor = results("monitor").get(0);
    assertEquals(700, monitor.queueTimeMs(), "the monitor waited for the start");
  }

  @Test
  void differentResourcesRunInParallelUpToTheLimit() {
    executor = executor(2);
    agents.manual();
    register("a", "b", "c");
    for (String id : List.of("a", "b", "c")) {
      executor.submit(OperationRequest.of(id, "start", 0, 20_000));
    }
    scheduler.runPending();
    assertEquals(2, agents.inFlight());
    agents.complete(0, OcfCode.OK);
    scheduler.runPending();
    assertEquals(3, agents.runs.size());
    assertEquals("c", agents.runs.get(2).request().resourceId());
  }

  @Test
  void recurringMonitorKeepsItsCadenceWithoutDrift() {
    agents.answer("monitor", 300, OcfCode.OK);
    register("r1");
    long call = executor.submit(OperationRequest.of("r1", "monitor", 1000, 20_000));
    scheduler.advanceTo(10_000);
    assertEquals(
        List.of(0L, 1000L, 2000L, 3000L, 4000L, 5000L, 6000L, 7000L, 8000L, 9000L, 10_000L),
        agents.startsOf("r1", "monitor"));
    assertTrue(results("monitor").stream().allMatch(r -> r.callId() == call));
    assertEquals(0, executor.stats().maxLatenessMs());
  }

  @Test
  void overrunningMonitorSkipsMissedSlotsAndStaysOnItsGrid() {
    agents.answer("monitor", 2500, OcfCode.OK);
    register("r1");
    executor.submit(OperationRequest.of("r1", "monitor", 1000, 20_000));
    scheduler.advanceTo(9000);
    assertEquals(List.of(0L, 3000L, 6000L, 9000L), agents.startsOf("r1", "monitor"));
    assertEquals(6, executor.stats().missedRuns());
  }

  @Test
  void startDelayPostponesTheFirstRunOnly() {
    register("r1");
    executor.submit(OperationRequest.of("r1", "monitor", 1000, 20_000).withStartDelay(500));
    executor.submit(OperationRequest.of("r1", "start", 0, 20_000).withStartDelay(200));
    scheduler.advanceTo(2600);
    assertEquals(List.of(200L), agents.startsOf("r1", "start"));
    assertEquals(List.of(500L, 1500L, 2500L), agents.startsOf("r1", "monitor"));
  }

  @Test
  void stopCancelsRecurringOperations() {
    register("r1");
    executor.submit(OperationRequest.of("r1", "monitor", 1000, 20_000));
    scheduler.advanceTo(1500);
    executor.submit(OperationRequest.of("r1", "stop", 0, 20_000));
    scheduler.advanceTo(10_000);
    assertEquals(List.of(0L, 1000L), agents.startsOf("r1", "monitor"));
    assertTrue(
        published.stream()
            .anyMatch(r -> r.action().equals("monitor") && r.status() == ExecStatus.CANCELLED));
    assertTrue(executor.recurringOperations("r1").isEmpty());
  }

  @Test
  void cancelStopsARecurringOperationAndIgnoresItsRunningResult() {
    agents.manual();
    register("r1");
    executor.submit(OperationRequest.of("r1", "monitor", 1000, 20_000));
    scheduler.runPending();
    assertTrue(executor.cancel("r1", "monitor", 1000));
    assertFalse(executor.cancel("r1", "monitor", 1000));
    agents.complete(0, OcfCode.NOT_RUNNING);
    scheduler.advanceTo(5000);
    assertEquals(1, agents.runs.size());
    assertEquals(
        List.of(ExecStatus.CANCELLED),
        results("monitor").stream().map(OperationResult::status).toList());
  }

  @Test
  void callIdsOnlyGrowAndRecurringRunsKeepTheirs() {
    register("r1", "r2");
    long a = executor.submit(OperationRequest.of("r1", "start", 0, 20_000));
    long b = executor.submit(OperationRequest.of("r1", "monitor", 1000, 20_000));
    long c = executor.submit(OperationRequest.of("r2", "start", 0, 20_000));
    assertTrue(a < b && b < c);
    assertEquals(103, executor.nextCallId());
  }

  @Test
  void recurringResultsSayWhetherTheyChanged() {
    agents.answer("monitor", 10, OcfCode.OK);
    register("r1");
    executor.submit(OperationRequest.of("r1", "monitor", 1000, 20_000));
    scheduler.advanceTo(2500);
    agents.answer("monitor", 10, OcfCode.NOT_RUNNING);
    scheduler.advanceTo(3500);
    List<Boolean> changed = results("monitor").stream().map(OperationResult::changed).toList();
    assertEquals(List.of(true, false, false, true), changed);
  }

  @Test
  void historyKeepsTheLastResultOfEachOperation() {
    register("r1");
    executor.submit(OperationRequest.of("r1", "start", 0, 20_000));
    executor.submit(OperationRequest.of("r1", "monitor", 0, 20_000));
    executor.submit(OperationRequest.of("r1", "monitor", 0, 20_000).withUserData("t:2"));
    scheduler.runPending();
    List<OperationResult> last = executor.lastResults("r1");
    assertEquals(
        List.of("r1_start_0", "r1_monitor_0"),
        last.stream().map(OperationResult::operationKey).toList());
    assertEquals("t:2", last.get(1).userData());
    assertEquals(3, executor.recentResults("r1").size());
  }

  @Test
  void anAgentRunnerThatNeverAnswersIsTimedOutByTheGuard() {
    agents.manual();
    register("r1");
    executor.submit(OperationRequest.of("r1", "start", 0, 1000));
    executor.submit(OperationRequest.of("r1", "monitor", 0, 1000));
    scheduler.advanceBy(1000 + ExecutorLimits.defaults().guardMs());
    assertEquals(ExecStatus.TIMEOUT, results("start").get(0).status());
    assertEquals(2, agents.runs.size(), "the next operation went ahead");
    agents.complete(0, OcfCode.OK);
    scheduler.runPending();
    assertEquals(1, results("start").size(), "the late answer is dropped");
  }

  @Test
  void unknownResourceIsRefusedAndUnregisterCancelsWhatWasQueued() {
    assertThrows(
        IllegalArgumentException.class,
        () -> executor.submit(OperationRequest.of("nope", "start", 0, 1000)));
    agents.manual();
    register("r1");
    executor.submit(OperationRequest.of("r1", "start", 0, 1000));
    executor.submit(OperationRequest.of("r1", "stop", 0, 1000));
    scheduler.runPending();
    assertTrue(executor.unregister("r1"));
    assertEquals(ExecStatus.CANCELLED, results("stop").get(0).status());
    assertTrue(executor.resource("r1").isEmpty());
  }
}
