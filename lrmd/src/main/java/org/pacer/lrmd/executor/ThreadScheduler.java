package org.pacer.lrmd.executor;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The production scheduler: one daemon thread that owns the executor's state. */
public final class ThreadScheduler implements Scheduler, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ThreadScheduler.class);

  private final ScheduledExecutorService thread;

  public ThreadScheduler(String name) {
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
  private static Runnable guarded(Runnable task) {
    return () -> {
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
