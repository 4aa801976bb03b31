package org.pacer.lrmd.executor;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.pacer.lrmd.agent.ActionRequest;
import org.pacer.lrmd.agent.AgentResult;
import org.pacer.lrmd.agent.AgentRunner;
import org.pacer.lrmd.agent.ExecStatus;
import org.pacer.lrmd.agent.OcfCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The executor's core: registered resources, their queues, recurring operations and history.
 *
 * <p>Rules: one operation at a time per resource, in the order asked; different resources in
 * parallel up to {@link ExecutorLimits#maxParallel}; a recurring operation runs at its planned
 * times (first run at request + start-delay, then every interval from the plan, not from the
 * finish, so it does not drift; a run that overruns skips the slots it missed); a stop cancels the
 * resource's recurring operations; every result goes to the subscribers.
 *
 * <p>Confined to its {@link Scheduler}'s thread: call every method from it ({@link ExecutorHandle}
 * does that for other threads). Agent results arrive on other threads and are handed back through
 * the scheduler.
 */
public final class Executor {

  private static final Logger log = LoggerFactory.getLogger(Executor.class);

  private final Scheduler scheduler;
  private final AgentRunner agents;
  private final Clock clock;
  private final ExecutorLimits limits;
  private final Map<String, ResourceState> resources = new LinkedHashMap<>();
  private final Set<ResourceState> waiting = new LinkedHashSet<>();
  private final List<Consumer<OperationResult>> subscribers = new CopyOnWriteArrayList<>();
  private final ExecutorStats stats = new ExecutorStats();
  private long nextCallId;
  private int running;

  public Executor(
      Scheduler scheduler,
      AgentRunner agents,
      Clock clock,
      ExecutorLimits limits,
      long firstCallId) {
    this.scheduler = scheduler;
    this.agents = agents;
    this.clock = clock;
    this.limits = limits;
    this.nextCallId = firstCallId;
  }

  public void subscribe(Consumer<OperationResult> subscriber) {
    subscribers.add(subscriber);
  }

  public void unsubscribe(Consumer<OperationResult> subscriber) {
    subscribers.remove(subscriber);
  }

  /** Registers or updates a resource; its queue, operations and history are kept. */
  public void register(ResourceDefinition definition) {
    ResourceState state = resources.get(definition.id());
    if (state == null) {
      resources.put(definition.id(), new ResourceState(definition));
    } else {
      // Re-registering a resource whose last operation is still running keeps that state, so
      // the new operations still wait for the running one.
      state.definition = definition;
      if (state.removed) {
        state.removed = false;
        state.lastByOperation.clear();
        state.recent.clear();
      }
    }
  }

  /** Forgets a resource: its recurring operations and queued operations are cancelled. */
  public boolean unregister(String resourceId) {
    ResourceState state = live(resourceId);
    if (state == null) {
      return false;
    }
    cancelAllRecurring(state);
    for (Pending pending : state.queue) {
      publish(state, cancelled(state, pending.call, pending.request));
    }
    state.queue.clear();
    for (Delayed delayed : state.delayed.values()) {
      delayed.timer().cancel();
      publish(state, cancelled(state, delayed.pending().call, delayed.pending().request));
    }
    state.delayed.clear();
    waiting.remove(state);
    state.removed = true;
    if (state.inFlight == null) {
      resources.remove(resourceId);
    }
    return true;
  }

  /** The state of a registered (not unregistered) resource, or null. */
  private ResourceState live(String resourceId) {
    ResourceState state = resources.get(resourceId);
    return state == null || state.removed ? null : state;
  }

  public Optional<ResourceDefinition> resource(String resourceId) {
    return Optional.ofNullable(live(resourceId)).map(s -> s.definition);
  }

  public List<ResourceDefinition> resources() {
    return resources.values().stream().filter(s -> !s.removed).map(s -> s.definition).toList();
  }

  /** The next call id that will be given out (persisted so ids keep growing across restarts). */
  public long nextCallId() {
    return nextCallId;
  }

  public ExecutorStats stats() {
    return stats;
  }

  /**
   * Queues an operation and returns its call id.
   *
   * @throws IllegalArgumentException when the resource is not registered
   */
  public long submit(OperationRequest request) {
    ResourceState state = live(request.resourceId());
    if (state == null) {
      throw new IllegalArgumentException("resource " + request.resourceId() + " is not registered");
    }
    long call = nextCallId++;
    long now = scheduler.nowMillis();
    if ("stop".equals(request.action())) {
      // Nothing may keep monitoring a resource that is being stopped.
      cancelAllRecurring(state);
    }
    if (request.intervalMs() > 0) {
      Recurring existing = state.recurring.remove(request.operationKey());
      if (existing != null) {
        cancelRecurring(state, existing);
      }
      Recurring recurring = new Recurring(call, request, now + request.startDelayMs());
      state.recurring.put(request.operationKey(), recurring);
      planNext(state, recurring);
    } else if (request.startDelayMs() > 0) {
      Pending pending = new Pending(call, request, now + request.startDelayMs(), null);
      state.delayed.put(
          call,
          new Delayed(
              pending,
              scheduler.schedule(
                  request.startDelayMs(),
                  () -> {
                    state.delayed.remove(call);
                    enqueue(state, pending);
                  })));
    } else {
      enqueue(state, new Pending(call, request, now, null));
    }
    return call;
  }

  /** Cancels a recurring operation; true if there was one. A cancelled result is published. */
  public boolean cancel(String resourceId, String action, long intervalMs) {
    ResourceState state = live(resourceId);
    if (state == null) {
      return false;
    }
    Recurring recurring = state.recurring.remove(resourceId + "_" + action + "_" + intervalMs);
    if (recurring == null) {
      return false;
    }
    cancelRecurring(state, recurring);
    return true;
  }

  /** The last result of each operation of the resource, oldest call first. */
  public List<OperationResult> lastResults(String resourceId) {
    ResourceState state = live(resourceId);
    if (state == null) {
      return List.of();
    }
    List<OperationResult> results = new ArrayList<>(state.lastByOperation.values());
    results.sort((a, b) -> Long.compare(a.callId(), b.callId()));
    return results;
  }

  /** The most recent results of the resource, oldest first. */
  public List<OperationResult> recentResults(String resourceId) {
    ResourceState state = live(resourceId);
    return state == null ? List.of() : List.copyOf(state.recent);
  }

  /** The recurring operations the resource has, by operation key. */
  public List<OperationRequest> recurringOperations(String resourceId) {
    ResourceState state = live(resourceId);
    return state == null
        ? List.of()
        : state.recurring.values().stream().map(r -> r.request).toList();
  }

  // ---- queueing and dispatch ----

  private void planNext(ResourceState state, Recurring recurring) {
    long delay = recurring.nextPlanned - scheduler.nowMillis();
    recurring.timer =
        scheduler.schedule(
            delay,
            () -> {
              if (!recurring.cancelled) {
                enqueue(
                    state,
                    new Pending(
                        recurring.call, recurring.request, recurring.nextPlanned, recurring));
              }
            });
  }

  private void enqueue(ResourceState state, Pending pending) {
    if (state.removed) {
      return;
    }
    state.queue.add(pending);
    if (state.inFlight == null) {
      waiting.add(state);
    }
    dispatch();
  }

  private void dispatch() {
    while (running < limits.maxParallel() && !waiting.isEmpty()) {
      ResourceState state = waiting.iterator().next();
      waiting.remove(state);
      Pending next = state.queue.poll();
      if (next != null && state.inFlight == null) {
        start(state, next);
      }
    }
  }

  private void start(ResourceState state, Pending pending) {
    running++;
    state.inFlight = pending;
    long startedMs = scheduler.nowMillis();
    pending.startedMs = startedMs;
    if (pending.recurring != null) {
      stats.recordLateness(startedMs - pending.plannedMs);
    }
    ResourceDefinition definition = state.definition;
    OperationRequest request = pending.request;
    Map<String, String> meta = new HashMap<>(definition.meta());
    meta.putAll(request.meta());
    long guard = request.timeoutMs() + limits.guardMs();
    pending.guard = scheduler.schedule(guard, () -> guardExpired(state, pending));
    CompletableFuture<AgentResult> run;
    try {
      run =
          agents.execute(
              new ActionRequest(
                  definition.id(),
                  definition.agent(),
                  request.action(),
                  request.intervalMs(),
                  request.timeoutMs(),
                  request.parameters() != null ? request.parameters() : definition.parameters(),
                  meta,
                  request.checkLevel()));
    } catch (RuntimeException e) {
      // Never leave the resource marked busy: report the failure as the operation's result.
      run = CompletableFuture.failedFuture(e);
    }
    run.handle(
        (result, error) -> {
          AgentResult r = error == null ? result : internalError(error);
          scheduler.execute(() -> finished(state, pending, r));
          return null;
        });
  }

  private AgentResult internalError(Throwable error) {
    log.error("agent runner failed", error);
    return AgentResult.immediate(
        OcfCode.ERROR, ExecStatus.ERROR, "internal error: " + error, clock.instant());
  }

  private void guardExpired(ResourceState state, Pending pending) {
    if (pending.done) {
      return;
    }
    log.error(
        "{}: no answer from the agent runner {} ms past the timeout; reporting a timeout",
        pending.request.operationKey(),
        limits.guardMs());
    finished(
        state,
        pending,
        AgentResult.immediate(
            OcfCode.ERROR,
            ExecStatus.TIMEOUT,
            "agent did not finish within " + pending.request.timeoutMs() + " ms",
            clock.instant()));
  }

  private void finished(ResourceState state, Pending pending, AgentResult result) {
    if (pending.done) {
      return;
    }
    pending.done = true;
    pending.guard.cancel();
    running--;
    state.inFlight = null;
    stats.recordCompletion();
    Recurring recurring = pending.recurring;
    boolean wanted = recurring == null || !recurring.cancelled;
    // A one-shot operation is always answered, even when its resource was unregistered meanwhile.
    if (wanted) {
      boolean changed = true;
      if (recurring != null) {
        changed =
            recurring.lastCode == null
                || recurring.lastCode != result.code()
                || recurring.lastStatus != result.status();
        recurring.lastCode = result.code();
        recurring.lastStatus = result.status();
      }
      publish(state, toResult(state, pending, result, changed));
      if (recurring != null) {
        long now = scheduler.nowMillis();
        long interval = recurring.request.intervalMs();
        long next = pending.plannedMs + interval;
        if (next <= now) {
          long missed = (now - pending.plannedMs) / interval;
          stats.recordMissed(missed);
          next = pending.plannedMs + (missed + 1) * interval;
        }
        recurring.nextPlanned = next;
        planNext(state, recurring);
      }
    }
    if (state.removed) {
      // Its last operation is answered: an unregistered resource can now be forgotten.
      resources.remove(state.definition.id(), state);
    } else if (!state.queue.isEmpty()) {
      waiting.add(state);
    }
    dispatch();
  }

  private OperationResult toResult(
      ResourceState state, Pending pending, AgentResult result, boolean changed) {
    String output = result.output();
    int tail = limits.outputTailChars();
    return new OperationResult(
        pending.call,
        state.definition.id(),
        state.definition.agent(),
        pending.request.action(),
        pending.request.intervalMs(),
        result.code(),
        result.exitCode(),
        result.status(),
        result.exitReason(),
        output.length() <= tail ? output : output.substring(output.length() - tail),
        Math.max(0, pending.startedMs - pending.plannedMs),
        result.runTime().toMillis(),
        result.startedAt(),
        clock.instant(),
        pending.request.userData(),
        changed);
  }

  private OperationResult cancelled(ResourceState state, long call, OperationRequest request) {
    Instant now = clock.instant();
    return new OperationResult(
        call,
        state.definition.id(),
        state.definition.agent(),
        request.action(),
        request.intervalMs(),
        OcfCode.OK,
        -1,
        ExecStatus.CANCELLED,
        "",
        "",
        0,
        0,
        now,
        now,
        request.userData(),
        true);
  }

  private void cancelAllRecurring(ResourceState state) {
    List<Recurring> all = new ArrayList<>(state.recurring.values());
    state.recurring.clear();
    all.forEach(r -> cancelRecurring(state, r));
  }

  private void cancelRecurring(ResourceState state, Recurring recurring) {
    recurring.cancelled = true;
    if (recurring.timer != null) {
      recurring.timer.cancel();
    }
    state.queue.removeIf(p -> p.recurring == recurring);
    publish(state, cancelled(state, recurring.call, recurring.request));
  }

  private void publish(ResourceState state, OperationResult result) {
    if (result.status() != ExecStatus.CANCELLED) {
      state.lastByOperation.put(result.operationKey(), result);
    }
    state.recent.addLast(result);
    while (state.recent.size() > limits.historyPerResource()) {
      state.recent.removeFirst();
    }
    MDC.put("op", result.operationKey());
    try {
      if (result.changed()) {
        log.info("{}", result.summary());
      } else {
        log.debug("{}", result.summary());
      }
      for (Consumer<OperationResult> subscriber : subscribers) {
        try {
          subscriber.accept(result);
        } catch (RuntimeException e) {
          log.error("a subscriber failed on {}", result.operationKey(), e);
        }
      }
    } finally {
      MDC.remove("op");
    }
  }
}
