package org.pacer.lrmd.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.pacer.lrmd.agent.AgentId;
import org.pacer.lrmd.agent.ExecStatus;
import org.pacer.lrmd.agent.OcfCode;
import org.pacer.lrmd.executor.ExecutorHandle;
import org.pacer.lrmd.executor.ExecutorStats;
import org.pacer.lrmd.executor.OperationRequest;
import org.pacer.lrmd.executor.OperationResult;
import org.pacer.lrmd.executor.ResourceDefinition;

/**
 * Many resources with short recurring monitors for a while: how late runs start against their plan,
 * whether any slot was skipped, and what it cost in CPU.
 */
public final class CadenceRun {

  /** What a run measured. */
  public record Report(
      int resources,
      long intervalMs,
      Duration duration,
      long monitorRuns,
      long failedRuns,
      long maxLatenessMs,
      double meanLatenessMs,
      long missedRuns,
      long minRunsPerResource,
      CpuTimes cpu) {

    public String describe() {
      double seconds = duration.toMillis() / 1000.0;
      return String.format(
          "%d resources x %d ms monitors for %.0f s: %d runs (%d failed), lateness max %d ms"
              + " mean %.2f ms, %d slots skipped, fewest runs of a resource %d; CPU: executor"
              + " JVM %.1f%% of one core, agents %.1f%%",
          resources,
          intervalMs,
          seconds,
          monitorRuns,
          failedRuns,
          maxLatenessMs,
          meanLatenessMs,
          missedRuns,
          minRunsPerResource,
          100.0 * cpu.selfMs() / duration.toMillis(),
          100.0 * cpu.childrenMs() / duration.toMillis());
    }
  }

  private CadenceRun() {}

  public static Report run(
      ExecutorHandle executor,
      AgentId agent,
      Map<String, String> parameters,
      int resources,
      long intervalMs,
      Duration duration)
      throws Exception {
    Map<String, AtomicLong> runsPerResource = new ConcurrentHashMap<>();
    AtomicLong runs = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    executor
        .subscribe(
            result -> {
              if (result.intervalMs() == intervalMs && result.status() != ExecStatus.CANCELLED) {
                runs.incrementAndGet();
                runsPerResource
                    .computeIfAbsent(result.resourceId(), k -> new AtomicLong())
                    .incrementAndGet();
                if (result.status() != ExecStatus.DONE || result.code() != OcfCode.OK) {
                  failed.incrementAndGet();
                }
              }
            })
        .get();
    for (int i = 0; i < resources; i++) {
      String id = "cadence-" + i;
      executor.register(new ResourceDefinition(id, agent, parameters, Map.of())).get();
      OperationRequest start = OperationRequest.of(id, "start", 0, 20_000);
      OperationResult started = executor.execute(start).get(60, TimeUnit.SECONDS);
      if (started.code() != OcfCode.OK) {
        throw new IllegalStateException("cannot start " + id + ": " + started.summary());
      }
    }
    ExecutorStats.Snapshot before = executor.call(e -> e.stats().snapshot()).get();
    long missedBefore = before.missedRuns();
    CpuTimes cpuStart = CpuTimes.now();
    long t0 = System.nanoTime();
    for (int i = 0; i < resources; i++) {
      executor.submit(OperationRequest.of("cadence-" + i, "monitor", intervalMs, 20_000)).get();
    }
    Thread.sleep(duration.toMillis());
    for (int i = 0; i < resources; i++) {
      executor.submit(OperationRequest.of("cadence-" + i, "stop", 0, 20_000)).get();
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
    CpuTimes cpu = CpuTimes.now().since(cpuStart);
    ExecutorStats.Snapshot stats = executor.call(e -> e.stats().snapshot()).get();
    long fewest =
        runsPerResource.size() < resources
            ? 0
            : runsPerResource.values().stream().mapToLong(AtomicLong::get).min().orElse(0);
    return new Report(
        resources,
        intervalMs,
        elapsed,
        runs.get(),
        failed.get(),
        stats.maxLatenessMs(),
        stats.meanLatenessMs(),
        stats.missedRuns() - missedBefore,
        fewest,
        cpu);
  }
}
