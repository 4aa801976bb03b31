package org.pacer.crmd.daemon;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.pacer.crmd.controller.Controller;
import org.pacer.crmd.controller.Effect;
import org.pacer.crmd.controller.Input;
import org.pacer.crmd.history.TransitionKey;
import org.pacer.crmd.message.CrmdMessage;
import org.pacer.crmd.port.CibPort;
import org.pacer.crmd.port.ExecutorPort;
import org.pacer.crmd.port.FencerPort;
import org.pacer.crmd.port.GroupPort;
import org.pacer.crmd.port.SchedulerPort;
import org.pacer.messaging.logging.LogContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thin shell around a {@link Controller}: one thread feeds it every input in turn and carries
 * out its effects through the ports. CIB writes and scheduler runs go to a second thread, in the
 * order they were asked for, so a graph is computed from a CIB that holds every earlier write.
 */
public final class ControllerLoop implements GroupPort.Listener, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ControllerLoop.class);

  private final Controller controller;
  private final GroupPort group;
  private final CibPort cib;
  private final SchedulerPort scheduler;
  private final ExecutorPort executor;
  private final FencerPort fencer;
  private final Clock clock;
  private final Runnable onExit;
  private final ScheduledExecutorService loop;
  private final ExecutorService cibThread;
  private final Map<Object, ScheduledFuture<?>> timers = new HashMap<>();
  private volatile boolean closed;

  public ControllerLoop(
      Controller controller,
      GroupPort group,
      CibPort cib,
      SchedulerPort scheduler,
      ExecutorPort executor,
      FencerPort fencer,
      Clock clock,
      Runnable onExit) {
    this.controller = controller;
    this.group = group;
    this.cib = cib;
    this.scheduler = scheduler;
    this.executor = executor;
    this.fencer = fencer;
    this.clock = clock;
    this.onExit = onExit;
    String node = controller.node().name();
    this.loop = Executors.newSingleThreadScheduledExecutor(r -> thread(r, "crmd-loop", node));
    this.cibThread = Executors.newSingleThreadExecutor(r -> thread(r, "crmd-cib", node));
  }

  private static Thread thread(Runnable r, String name, String node) {
    Thread t =
        new Thread(
            () -> {
              LogContext.with(LogContext.NODE, node);
              r.run();
            },
            name);
    t.setDaemon(true);
    return t;
  }

  /** Subscribes to results and CIB changes, then joins the group. */
  public void start() throws Exception {
    executor.subscribe(r -> submit(new Input.ExecutorCompleted(r)));
    cib.subscribe(what -> submit(new Input.CibChanged(what)));
    fencer.watch(
        o ->
            submit(
                new Input.FencingObserved(
                    o.target(), o.action(), o.origin(), o.client(), o.completedAt())));
    group.join(this);
  }

  public void submit(Input input) {
    if (closed) {
      return;
    }
    loop.execute(() -> handle(input));
  }

  /** Reads the controller's state on its own thread (for the helper commands). */
  public <T> T read(Function<Controller, T> reader) throws Exception {
    return loop.submit(() -> reader.apply(controller)).get(10, TimeUnit.SECONDS);
  }

  @Override
  public void viewChanged(Input.ViewChanged view) {
    submit(view);
  }

  @Override
  public void delivered(String fromNode, CrmdMessage message) {
    submit(new Input.Delivered(fromNode, message));
  }

  @Override
  public void quorumChanged(boolean quorate) {
    submit(new Input.QuorumChanged(quorate));
  }

  private void handle(Input input) {
    List<Effect> effects;
    try (LogContext ignored =
        LogContext.with(
            LogContext.TRANSITION, transitionOf(input, controller.activeTransition()))) {
      effects = controller.handle(clock.millis(), input);
    } catch (RuntimeException e) {
      log.error("the controller failed on {}: {}", input.getClass().getSimpleName(), e, e);
      return;
    }
    int active = controller.activeTransition();
    for (Effect e : effects) {
      try (LogContext ignored = LogContext.with(LogContext.TRANSITION, transitionOf(e, active))) {
        apply(e);
      } catch (RuntimeException ex) {
        log.error("could not carry out {}: {}", e, ex.getMessage(), ex);
      }
    }
  }

  /**
   * The transition an input belongs to, for the logs: an executor result names it in its transition
   * key (on every node, DC or not); anything else belongs to the DC's active one.
   */
  static String transitionOf(Input input, int active) {
    if (input instanceof Input.ExecutorCompleted x) {
      return fromKey(x.result().transitionKey(), active);
    }
    return active < 0 ? null : Integer.toString(active);
  }

  /** As {@link #transitionOf(Input, int)}, for what the controller asked to be done. */
  static String transitionOf(Effect effect, int active) {
    if (effect instanceof Effect.ExecuteOp x) {
      return fromKey(x.request().transitionKey(), active);
    }
    if (effect instanceof Effect.TransitionEnded t) {
      return Integer.toString(t.transitionId());
    }
    if (effect instanceof Effect.ComputeGraph g) {
      return Integer.toString(g.transitionId());
    }
    return active < 0 ? null : Integer.toString(active);
  }

  private static String fromKey(String key, int active) {
    TransitionKey k = TransitionKey.parse(key);
    if (k != null) {
      return Integer.toString(k.transitionId());
    }
    return active < 0 ? null : Integer.toString(active);
  }

  private void apply(Effect effect) {
    if (effect instanceof Effect.Broadcast b) {
      group.send(b.message());
    } else if (effect instanceof Effect.SetTimer t) {
      ScheduledFuture<?> old =
          timers.put(
              t.key(),
              loop.schedule(
                  () -> {
                    timers.remove(t.key());
                    handle(new Input.TimerFired(t.key()));
                  },
                  t.delayMs(),
                  TimeUnit.MILLISECONDS));
      if (old != null) {
        old.cancel(false);
      }
    } else if (effect instanceof Effect.CancelTimer t) {
      ScheduledFuture<?> f = timers.remove(t.key());
      if (f != null) {
        f.cancel(false);
      }
    } else if (effect instanceof Effect.ExecuteOp x) {
      executor.execute(x.request());
    } else if (effect instanceof Effect.CancelOp c) {
      executor.cancel(c.resource(), c.operation(), c.intervalMs());
    } else if (effect instanceof Effect.ForgetResource f) {
      executor.forget(f.resourceId());
    } else if (effect instanceof Effect.Fence f) {
      fencer
          .fence(f.target(), f.action(), f.timeoutMs())
          .whenComplete(
              (outcome, error) ->
                  submit(
                      new Input.FencingCompleted(
                          f.target(),
                          f.action(),
                          error == null && outcome.ok(),
                          error != null ? String.valueOf(error.getMessage()) : outcome.reason())));
    } else if (effect instanceof Effect.UpdateCib u) {
      cibThread.execute(
          () -> {
            try {
              cib.apply(u.update());
            } catch (Exception e) {
              // The next join rewrites the status section in full; until then the scheduler may
              // see less than the controller knows, which it treats conservatively.
              log.error(
                  "CIB write failed ({}): {}",
                  u.update().getClass().getSimpleName(),
                  e.getMessage());
            }
          });
    } else if (effect instanceof Effect.ComputeGraph g) {
      cibThread.execute(() -> compute(g));
    } else if (effect instanceof Effect.DcChanged d) {
      log.info(
          d.dc() == null ? "electing a DC" : "the DC is {}{}",
          d.dc(),
          d.self() ? " (this node)" : "");
    } else if (effect instanceof Effect.TransitionEnded t) {
      log.info("transition {} {}: {}", t.transitionId(), t.outcome(), t.reason());
    } else if (effect instanceof Effect.Exit x) {
      log.info("exiting: {}", x.reason());
      onExit.run();
    }
  }

  private void compute(Effect.ComputeGraph g) {
    try (LogContext ignored =
        LogContext.with(LogContext.TRANSITION, Integer.toString(g.transitionId()))) {
      String xml = cib.query();
      String graph = scheduler.compute(xml, clock.instant(), g.transitionId());
      submit(new Input.GraphReady(g.requestId(), graph));
    } catch (Exception e) {
      submit(new Input.GraphFailed(g.requestId(), String.valueOf(e.getMessage())));
    }
  }

  @Override
  public void close() {
    closed = true;
    group.close();
    loop.shutdownNow();
    cibThread.shutdownNow();
  }
}
