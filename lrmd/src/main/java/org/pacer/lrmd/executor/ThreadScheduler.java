package org.pacer.lrmd.executor;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The production scheduler: one daemon thread that owns the executor's state. */
public final class ThreadScheduler implements Scheduler, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ThreadScheduler.class);

  private final ScheduledExecutorService thread;

  private final String node;

  public ThreadScheduler(String name) {
    this(name, null);
  }

  /** With {@code node} in the log context of every task, as every daemon thread has it. */
  public ThreadScheduler(String name, String node) {
    this.node = node;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread t = new Thread(runnable, name);
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public long nowMillis() {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
  }

  @Override
  public Cancellable schedule(long delayMillis, Runnable task) {
    ScheduledFuture<?> future =
        thread.schedule(guarded(task), Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
    return () -> future.cancel(false);
  }

  @Override
  public void execute(Runnable task) {
    thread.execute(guarded(task));
  }

  /** A failing task is logged and does not stop the thread that runs every other one. */
  private Runnable guarded(Runnable task) {
    return () -> {
      if (node != null) {
        MDC.put("node", node);
      }
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        log.error("executor task failed", e);
      }
    };
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
