package org.pacer.lrmd.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.pacer.lrmd.agent.ActionRequest;
import org.pacer.lrmd.agent.AgentResult;
import org.pacer.lrmd.agent.AgentRunner;

/**
 * Wraps the agent runner to measure how long the agent side takes (process start to result,
 * launcher included), so the executor's own share of an operation can be told apart.
 */
final class TimedAgents implements AgentRunner {

  private final AgentRunner delegate;
  private final AtomicLong totalNanos = new AtomicLong();
  private final AtomicLong calls = new AtomicLong();

  TimedAgents(AgentRunner delegate) {
    this.delegate = delegate;
  }

  @Override
  public CompletableFuture<AgentResult> execute(ActionRequest request) {
    long start = System.nanoTime();
    return delegate
        .execute(request)
        .whenComplete(
            (result, error) -> {
              totalNanos.addAndGet(System.nanoTime() - start);
              calls.incrementAndGet();
            });
  }

  void reset() {
    totalNanos.set(0);
    calls.set(0);
  }

  long totalNanos() {
    return totalNanos.get();
  }

  long calls() {
    return calls.get();
  }
}
