package org.pacer.lrmd.executor;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The executor for callers on any thread: each call runs on the executor's own thread and answers
 * through a future.
 */
public final class ExecutorHandle {

  private final Executor executor;
  private final Scheduler scheduler;
  private final Map<Long, CompletableFuture<OperationResult>> awaited = new ConcurrentHashMap<>();

  public ExecutorHandle(Executor executor, Scheduler scheduler) {
    this.executor = executor;
    this.scheduler = scheduler;
    // Subscribed on the executor's thread like every other access to it.
    scheduler.execute(() -> executor.subscribe(this::completeAwaited));
  }

  private void completeAwaited(OperationResult result) {
    CompletableFuture<OperationResult> future = awaited.remove(result.callId());
    if (future != null) {
      future.complete(result);
    }
  }

  /** Runs {@code action} against the executor on its thread. */
  public <T> CompletableFuture<T> call(Function<Executor, T> action) {
    CompletableFuture<T> future = new CompletableFuture<>();
    scheduler.execute(
        () -> {
          try {
            future.complete(action.apply(executor));
          } catch (RuntimeException e) {
            future.completeExceptionally(e);
          }
        });
    return future;
  }

  public CompletableFuture<Void> register(ResourceDefinition definition) {
    return call(
        e -> {
          e.register(definition);
          return null;
        });
  }

  public CompletableFuture<Long> submit(OperationRequest request) {
    return call(e -> e.submit(request));
  }

  /** Submits a one-shot operation and completes with its result (the first for a recurring one). */
  public CompletableFuture<OperationResult> execute(OperationRequest request) {
    CompletableFuture<OperationResult> result = new CompletableFuture<>();
    scheduler.execute(
        () -> {
          try {
            // The call id is known before anything can finish: both happen on this thread.
            long call = executor.submit(request);
            awaited.put(call, result);
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
          }
        });
    return result;
  }

  public CompletableFuture<Boolean> cancel(String resourceId, String action, long intervalMs) {
    return call(e -> e.cancel(resourceId, action, intervalMs));
  }

  public CompletableFuture<List<OperationResult>> lastResults(String resourceId) {
    return call(e -> e.lastResults(resourceId));
  }

  public CompletableFuture<Void> subscribe(Consumer<OperationResult> subscriber) {
    return call(
        e -> {
          e.subscribe(subscriber);
          return null;
        });
  }
}
