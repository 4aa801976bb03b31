package org.pacer.lrmd.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.pacer.lrmd.agent.ActionRequest;
import org.pacer.lrmd.agent.AgentId;
import org.pacer.lrmd.agent.AgentResult;
import org.pacer.lrmd.agent.AgentRunner;
import org.pacer.lrmd.agent.ExecStatus;
import org.pacer.lrmd.agent.OcfCode;

/**
 * Random sequences of registrations, operations, cancellations, unregistrations and agent durations
 * on virtual time, checked against the executor's rules after every step. A failure names its seed;
 * {@code -Dseed=N} replays just that one.
 */
class ExecutorSimulationTest {

  private static final int MAX_PARALLEL = 3;
  private static final List<String> RESOURCES = List.of("a", "b", "c", "d", "e");

  @Test
  void rulesHoldForRandomRuns() {
    String only = System.getProperty("seed");
    if (only != null) {
      new Run(Long.parseLong(only)).play();
      return;
    }
    for (long seed = 1; seed <= 300; seed++) {
      try {
        new Run(seed).play();
      } catch (AssertionError e) {
        fail("seed " + seed + " (replay with -Dseed=" + seed + "): " + e.getMessage(), e);
      }
    }
  }

  /** One simulated run. */
  private static final class Run implements AgentRunner {
    private final Random random;
    private final VirtualScheduler scheduler = new VirtualScheduler(0);
    private final Executor executor;
    private final Set<String> busy = new HashSet<>();
    private final Map<Long, String> oneShots = new HashMap<>();
    private final Map<Long, Integer> answers = new HashMap<>();
    private final Map<Long, Long> recurringFirstPlan = new HashMap<>();
    private final Map<Long, Long> recurringInterval = new HashMap<>();
    private final Set<Long> cancelled = new HashSet<>();
    private final Map<String, Set<Long>> recurringOf = new HashMap<>();
    private long lastCall = 0;

    Run(long seed) {
      random = new Random(seed);
      executor =
          new Executor(
              scheduler,
              this,
              Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
              ExecutorLimits.defaults().withMaxParallel(MAX_PARALLEL),
              1);
      executor.subscribe(this::onResult);
    }

    @Override
    public CompletableFuture<AgentResult> execute(ActionRequest request) {
      String rsc = request.resourceId();
      assertTrue(busy.add(rsc), "two operations of " + rsc + " at once");
      assertTrue(
          busy.size() <= MAX_PARALLEL, "more than " + MAX_PARALLEL + " in parallel: " + busy);
      CompletableFuture<AgentResult> future = new CompletableFuture<>();
      long duration = random.nextInt(4) == 0 ? random.nextInt(3000) : random.nextInt(200);
      OcfCode code = random.nextInt(5) == 0 ? OcfCode.NOT_RUNNING : OcfCode.OK;
      scheduler.schedule(
          duration,
          () -> {
            busy.remove(rsc);
            future.complete(
                new AgentResult(
                    code,
                    code.code(),
                    ExecStatus.DONE,
                    "",
                    "",
                    "",
                    Instant.EPOCH,
                    Duration.ofMillis(duration)));
          });
      return future;
    }

    private void onResult(OperationResult result) {
      long call = result.callId();
      if (result.intervalMs() == 0) {
        assertTrue(oneShots.containsKey(call), "a result for unknown call " + call);
        answers.merge(call, 1, Integer::sum);
        return;
      }
      assertTrue(
          recurringFirstPlan.containsKey(call), "a result for unknown recurring call " + call);
      if (result.status() == ExecStatus.CANCELLED) {
        assertTrue(cancelled.add(call), "recurring call " + call + " cancelled twice");
        return;
      }
      assertTrue(
          !cancelled.contains(call), "recurring call " + call + " ran after it was cancelled");
      // Started (now - run time) minus its queue time = its planned time, which is on the grid.
      long planned = scheduler.nowMillis() - result.runTimeMs() - result.queueTimeMs();
      long offset = planned - recurringFirstPlan.get(call);
      assertEquals(
          0, offset % recurringInterval.get(call), "recurring call " + call + " left its grid");
    }

    void play() {
      for (int step = 0; step < 400; step++) {
        String rsc = RESOURCES.get(random.nextInt(RESOURCES.size()));
        int choice = random.nextInt(100);
        if (choice < 15) {
          executor.register(
              new ResourceDefinition(rsc, AgentId.parse("ocf:sim:Agent"), Map.of(), Map.of()));
        } else if (choice < 50) {
          submitOneShot(rsc, List.of("start", "stop", "monitor", "promote").get(random.nextInt(4)));
        } else if (choice < 62) {
          submitRecurring(rsc);
        } else if (choice < 70) {
          Set<Long> calls = recurringOf.getOrDefault(rsc, Set.of());
          if (!calls.isEmpty()) {
            executor.cancel(rsc, "monitor", List.of(1000L, 2500L, 7000L).get(random.nextInt(3)));
          }
        } else if (choice < 74) {
          executor.unregister(rsc);
        } else {
          scheduler.advanceBy(random.nextInt(2000));
        }
      }
      for (String rsc : RESOURCES) {
        executor.unregister(rsc);
      }
      scheduler.advanceBy(60_000);
      assertTrue(busy.isEmpty(), "still running at the end: " + busy);
      for (Map.Entry<Long, String> shot : oneShots.entrySet()) {
        assertEquals(1, answers.getOrDefault(shot.getKey(), 0), "answers to call " + shot.getKey());
      }
      for (long call : recurringFirstPlan.keySet()) {
        assertTrue(cancelled.contains(call), "recurring call " + call + " never cancelled");
      }
    }

    private void submitOneShot(String rsc, String action) {
      if (executor.resource(rsc).isEmpty()) {
        return;
      }
      long delay = random.nextInt(10) == 0 ? random.nextInt(3000) : 0;
      long call =
          executor.submit(OperationRequest.of(rsc, action, 0, 20_000).withStartDelay(delay));
      assertTrue(call > lastCall, "call ids went down");
      lastCall = call;
      oneShots.put(call, rsc);
    }

    private void submitRecurring(String rsc) {
      if (executor.resource(rsc).isEmpty()) {
        return;
      }
      long interval = List.of(1000L, 2500L, 7000L).get(random.nextInt(3));
      long delay = random.nextInt(3) == 0 ? random.nextInt(3000) : 0;
      long call =
          executor.submit(
              OperationRequest.of(rsc, "monitor", interval, 20_000).withStartDelay(delay));
      assertTrue(call > lastCall, "call ids went down");
      lastCall = call;
      recurringFirstPlan.put(call, scheduler.nowMillis() + delay);
      recurringInterval.put(call, interval);
      recurringOf.computeIfAbsent(rsc, k -> new HashSet<>()).add(call);
    }
  }
}
