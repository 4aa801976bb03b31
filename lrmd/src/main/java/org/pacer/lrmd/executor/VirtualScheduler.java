package org.pacer.lrmd.executor;

import java.util.PriorityQueue;

/**
 * A scheduler on virtual time for deterministic tests and simulations: nothing happens until {@link
 * #advanceTo} or {@link #runPending} is called, and then tasks run in time order (ties in the order
 * they were scheduled) on the caller's thread.
 */
public final class VirtualScheduler implements Scheduler {

  private record Task(long at, long sequence, Runnable body, boolean[] cancelled)
      implements Comparable<Task> {
    @Override
    public int compareTo(Task other) {
      int byTime = Long.compare(at, other.at);
      return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }
  }

  private final PriorityQueue<Task> tasks = new PriorityQueue<>();
  private long now;
  private long sequence;

  public VirtualScheduler(long startMillis) {
    this.now = startMillis;
  }

  @Override
  public long nowMillis() {
    return now;
  }

  @Override
  public Cancellable schedule(long delayMillis, Runnable task) {
    boolean[] cancelled = {false};
    tasks.add(new Task(now + Math.max(0, delayMillis), sequence++, task, cancelled));
    return () -> cancelled[0] = true;
  }

  @Override
  public void execute(Runnable task) {
    schedule(0, task);
  }

  /** Runs every task due by {@code time}, moving the clock to each task's time, then to it. */
  public void advanceTo(long time) {
    while (!tasks.isEmpty() && tasks.peek().at <= time) {
      Task task = tasks.poll();
      now = Math.max(now, task.at);
      if (!task.cancelled[0]) {
        task.body.run();
      }
    }
    now = Math.max(now, time);
  }

  public void advanceBy(long millis) {
    advanceTo(now + millis);
  }

  /** Runs what is due now, including what those tasks schedule for now. */
  public void runPending() {
    advanceTo(now);
  }

  /** Time of the next task that will run, or -1 when nothing is scheduled. */
  public long nextTaskAt() {
    tasks.removeIf(t -> t.cancelled[0]);
    return tasks.isEmpty() ? -1 : tasks.peek().at;
  }
}
