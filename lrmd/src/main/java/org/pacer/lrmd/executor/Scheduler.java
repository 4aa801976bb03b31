package org.pacer.lrmd.executor;

/**
 * Time and deferred work for the {@link Executor}. Every task runs on the scheduler's single thread
 * (or, for {@link VirtualScheduler}, the test's thread), so the executor needs no locks; tests
 * drive a virtual clock so scheduling is checked deterministically.
 */
public interface Scheduler {

  /** Milliseconds on a clock that never goes back (not wall time). */
  long nowMillis();

  /** Runs {@code task} after {@code delayMillis}. */
  Cancellable schedule(long delayMillis, Runnable task);

  /** Runs {@code task} as soon as possible, after the task running now. */
  void execute(Runnable task);

  /** A scheduled task that can still be called off. */
  @FunctionalInterface
  interface Cancellable {
    void cancel();
  }
}
