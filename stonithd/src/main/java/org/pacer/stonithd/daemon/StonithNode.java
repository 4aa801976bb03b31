package org.pacer.stonithd.daemon;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.pacer.messaging.logging.LogContext;
import org.pacer.stonithd.config.FencingConfig;
import org.pacer.stonithd.coordination.FencingCoordinator;
import org.pacer.stonithd.coordination.FencingEffect;
import org.pacer.stonithd.coordination.FencingEvent;
import org.pacer.stonithd.coordination.FencingMessage;
import org.pacer.stonithd.coordination.HistoryEntry;
import org.pacer.stonithd.device.LocalDevices;
import org.pacer.stonithd.port.FencingGroup;
import org.pacer.stonithd.port.GroupView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shell around one node's {@link FencingCoordinator}: every event goes through one thread in
 * arrival order, and the effects become group sends, device checks and runs, timers and answers to
 * local callers. The coordinator itself never blocks and never sees a thread.
 */
public final class StonithNode implements AutoCloseable, FencingGroup.GroupListener {

  private static final Logger log = LoggerFactory.getLogger(StonithNode.class);

  private final String node;
  private final FencingCoordinator coordinator;
  private final LocalDevices devices;
  private final FencingGroup group;
  private final Clock clock;
  private final ExecutorService loop;
  private final ScheduledExecutorService timers;
  private final Map<String, CompletableFuture<String>> calls = new HashMap<>();
  private final Map<String, List<CompletableFuture<HistoryEntry>>> waiters = new HashMap<>();
  private final Map<String, List<ScheduledFuture<?>>> timerTasks = new HashMap<>();
  private final Map<String, HistoryEntry> recent = new ConcurrentHashMap<>();
  private final List<Consumer<HistoryEntry>> subscribers = new CopyOnWriteArrayList<>();
  private long calls0;

  public StonithNode(
      String node,
      LocalDevices devices,
      FencingGroup group,
      Clock clock,
      ScheduledExecutorService timers) {
    this.node = node;
    this.devices = devices;
    this.group = group;
    this.clock = clock;
    this.timers = timers;
    this.coordinator = new FencingCoordinator(node, Long.toString(clock.millis(), 36));
    this.loop = DaemonThreads.single("stonithd-" + node);
  }

  public String node() {
    return node;
  }

  public LocalDevices devices() {
    return devices;
  }

  public void start() {
    group.join(this);
  }

  /** A new CIB: devices and topology. */
  public void configure(FencingConfig config) {
    devices.configure(config);
    post(new FencingEvent.Configured(config, clock.millis()));
  }

  // ---- group deliveries ----

  @Override
  public void delivered(String sender, FencingMessage message) {
    post(new FencingEvent.Delivered(sender, message, clock.millis()));
  }

  @Override
  public void configurationChanged(GroupView view) {
    log.info("stonithd group: {} (left {}, joined {})", view.members(), view.left(), view.joined());
    post(new FencingEvent.ViewChanged(view, clock.millis()));
  }

  // ---- the API ----

  /**
   * Asks the cluster to fence {@code target}; the future gives the operation id at once (the result
   * comes through {@link #result}).
   */
  public CompletableFuture<String> fence(
      String target, String action, String client, Duration timeout, Duration delay) {
    CompletableFuture<String> accepted = new CompletableFuture<>();
    loop.execute(
        () -> {
          String call = "call-" + (++calls0);
          calls.put(call, accepted);
          handle(
              new FencingEvent.FenceRequested(
                  call,
                  target,
                  action,
                  client,
                  timeout.toMillis(),
                  delay.toMillis(),
                  clock.millis()));
        });
    return accepted;
  }

  /** An operator says {@code target} is down. */
  public CompletableFuture<String> confirm(String target, String client) {
    CompletableFuture<String> accepted = new CompletableFuture<>();
    loop.execute(
        () -> {
          String call = "call-" + (++calls0);
          calls.put(call, accepted);
          handle(new FencingEvent.ManualConfirmation(call, target, client, clock.millis()));
        });
    return accepted;
  }

  /** The result of an operation: at once if it is finished, else when it finishes. */
  public CompletableFuture<HistoryEntry> result(String opId) {
    CompletableFuture<HistoryEntry> f = new CompletableFuture<>();
    loop.execute(
        () -> {
          HistoryEntry done = recent.get(opId);
          if (done != null) {
            f.complete(done);
          } else {
            waiters.computeIfAbsent(opId, k -> new ArrayList<>()).add(f);
          }
        });
    return f;
  }

  public CompletableFuture<List<HistoryEntry>> history(boolean withPending) {
    return CompletableFuture.supplyAsync(
        () -> {
          List<HistoryEntry> all = new ArrayList<>(coordinator.history());
          if (withPending) {
            all.addAll(coordinator.pending());
          }
          return all;
        },
        loop);
  }

  public CompletableFuture<List<String>> members() {
    return CompletableFuture.supplyAsync(coordinator::members, loop);
  }

  public void cleanupHistory(String target) {
    post(new FencingEvent.HistoryCleanupRequested(target, clock.millis()));
  }

  /** Every finished operation (local or not), as it is recorded. */
  public void subscribe(Consumer<HistoryEntry> listener) {
    subscribers.add(listener);
  }

  // ---- the loop ----

  private void post(FencingEvent event) {
    loop.execute(() -> handle(event));
  }

  private void handle(FencingEvent event) {
    try (LogContext ctx = LogContext.with(LogContext.NODE, node)) {
      for (FencingEffect effect : coordinator.handle(event)) {
        perform(effect);
      }
    } catch (RuntimeException e) {
      log.error(
          "fencing coordinator failed on {}: {}",
          event.getClass().getSimpleName(),
          e.toString(),
          e);
    }
  }

  private void perform(FencingEffect effect) {
    if (effect instanceof FencingEffect.Broadcast b) {
      group.send(b.message());
    } else if (effect instanceof FencingEffect.CheckDevices c) {
      devices
          .capabilities(c.target())
          .whenComplete(
              (caps, error) -> {
                List<String> usable = new ArrayList<>();
                if (error != null) {
                  log.warn("checking devices for {} failed: {}", c.target(), error.toString());
                } else {
                  for (LocalDevices.Capability cap : caps) {
                    if (cap.can()) {
                      usable.add(cap.device());
                    } else {
                      log.debug(
                          "device {} cannot fence {}: {}", cap.device(), c.target(), cap.reason());
                    }
                  }
                }
                post(new FencingEvent.DevicesChecked(c.opId(), c.round(), usable, clock.millis()));
              });
    } else if (effect instanceof FencingEffect.RunDevice r) {
      run(r);
    } else if (effect instanceof FencingEffect.SetTimer t) {
      long delay = Math.max(0, t.at() - clock.millis());
      ScheduledFuture<?> task =
          timers.schedule(
              () -> post(new FencingEvent.TimerFired(t.opId(), t.kind(), clock.millis())),
              delay,
              TimeUnit.MILLISECONDS);
      timerTasks.computeIfAbsent(t.opId(), k -> new ArrayList<>()).add(task);
    } else if (effect instanceof FencingEffect.CancelTimers c) {
      List<ScheduledFuture<?>> tasks = timerTasks.remove(c.opId());
      if (tasks != null) {
        tasks.forEach(task -> task.cancel(false));
      }
    } else if (effect instanceof FencingEffect.Accepted a) {
      CompletableFuture<String> call = calls.remove(a.callId());
      if (call != null) {
        call.complete(a.opId());
      }
    } else if (effect instanceof FencingEffect.Refused r) {
      CompletableFuture<String> call = calls.remove(r.callId());
      if (call != null) {
        call.completeExceptionally(new IllegalArgumentException(r.reason()));
      }
    } else if (effect instanceof FencingEffect.Finished f) {
      recent.put(f.opId(), f.entry());
      if (recent.size() > 2_000) {
        recent.keySet().removeIf(k -> recent.size() > 1_000);
      }
      List<CompletableFuture<HistoryEntry>> waiting = waiters.remove(f.opId());
      if (waiting != null) {
        waiting.forEach(w -> w.complete(f.entry()));
      }
      if (f.opId().equals(f.entry().opId())) {
        subscribers.forEach(s -> s.accept(f.entry()));
      }
    }
  }

  private void run(FencingEffect.RunDevice r) {
    Duration delay = Duration.ZERO;
    if (r.extraDelayMs() < 0) {
      delay = Duration.ZERO; // -1: every delay disabled, as stonith_admin --delay -1
    } else {
      if (r.applyDeviceDelay()) {
        delay = devices.delayFor(r.device(), r.target());
      }
      delay = delay.plusMillis(r.extraDelayMs());
    }
    if (!delay.isZero()) {
      log.info(
          "fencing {} with {} after a delay of {} ms", r.target(), r.device(), delay.toMillis());
    }
    org.pacer.stonithd.config.FenceAction action =
        org.pacer.stonithd.config.FenceAction.parse(r.action()).orElseThrow();
    devices
        .execute(r.device(), action, r.target(), delay)
        .whenComplete(
            (outcome, error) -> {
              boolean ok = error == null && outcome.ok();
              String reason = error != null ? error.toString() : outcome.reason();
              if (ok) {
                log.info("{} {} with {}: OK", r.action(), r.target(), r.device());
              } else {
                log.warn("{} {} with {} failed: {}", r.action(), r.target(), r.device(), reason);
              }
              post(
                  new FencingEvent.DeviceFinished(
                      r.opId(), r.step(), r.device(), ok, reason, clock.millis()));
            });
  }

  @Override
  public void close() {
    group.close();
    loop.shutdownNow();
  }
}
