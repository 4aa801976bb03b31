package org.pacer.lrmd.executor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.pacer.lrmd.agent.ActionRequest;
import org.pacer.lrmd.agent.AgentResult;
import org.pacer.lrmd.agent.AgentRunner;
import org.pacer.lrmd.agent.ExecStatus;
import org.pacer.lrmd.agent.OcfCode;

/**
 * An agent runner for executor tests on virtual time. Each run either completes by itself after a
 * set virtual duration with a set code, or waits until the test completes it.
 */
final class ScriptedAgents implements AgentRunner {

  record Run(ActionRequest request, long startedAt, CompletableFuture<AgentResult> future) {}

  private final VirtualScheduler scheduler;
  final List<Run> runs = new ArrayList<>();
  private final Map<String, Long> durations = new HashMap<>();
  private final Map<String, OcfCode> codes = new HashMap<>();
  private boolean manual;

  ScriptedAgents(VirtualScheduler scheduler) {
    this.scheduler = scheduler;
  }

  /** Runs of {@code action} take {@code millis} of virtual time and return {@code code}. */
  ScriptedAgents answer(String action, long millis, OcfCode code) {
    durations.put(action, millis);
    codes.put(action, code);
    return this;
  }

  /** Runs wait for {@link #complete}. */
  ScriptedAgents manual() {
    manual = true;
    return this;
  }

  @Override
  public CompletableFuture<AgentResult> execute(ActionRequest request) {
    CompletableFuture<AgentResult> future = new CompletableFuture<>();
    long started = scheduler.nowMillis();
    runs.add(new Run(request, started, future));
    if (!manual) {
      long duration = durations.getOrDefault(request.action(), 0L);
      OcfCode code = codes.getOrDefault(request.action(), OcfCode.OK);
      scheduler.schedule(duration, () -> future.complete(result(code, duration)));
    }
    return future;
  }

  static AgentResult result(OcfCode code, long millis) {
    return new AgentResult(
        code,
        code.code(),
        ExecStatus.DONE,
        "",
        "out\n",
        "",
        Instant.EPOCH,
        Duration.ofMillis(millis));
  }

  void complete(int index, OcfCode code) {
    runs.get(index).future().complete(result(code, 0));
  }

  List<Long> startsOf(String resource, String action) {
    return runs.stream()
        .filter(
            r -> r.request().resourceId().equals(resource) && r.request().action().equals(action))
        .map(Run::startedAt)
        .toList();
  }

  long inFlight() {
    return runs.stream().filter(r -> !r.future().isDone()).count();
  }
}
