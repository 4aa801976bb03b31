package org.pacer.lrmd.executor;

/**
 * How well the executor keeps its schedule: how late recurring runs start compared to their plan
 * and how many planned runs were skipped because a run overran. Confined like the executor.
 */
public final class ExecutorStats {

  private long completed;
  private long recurringRuns;
  private long totalLatenessMs;
  private long maxLatenessMs;
  private long missedRuns;

  void recordCompletion() {
    completed++;
  }

  void recordLateness(long latenessMs) {
    recurringRuns++;
    totalLatenessMs += Math.max(0, latenessMs);
    maxLatenessMs = Math.max(maxLatenessMs, latenessMs);
  }

  void recordMissed(long runs) {
    missedRuns += runs;
  }

  public long completed() {
    return completed;
  }

  public long recurringRuns() {
    return recurringRuns;
  }

  public long maxLatenessMs() {
    return maxLatenessMs;
  }

  public double meanLatenessMs() {
    return recurringRuns == 0 ? 0 : (double) totalLatenessMs / recurringRuns;
  }

  public long missedRuns() {
    return missedRuns;
  }

  /** The figures at one moment, safe to read on any thread. */
  public record Snapshot(
      long completed,
      long recurringRuns,
      long maxLatenessMs,
      double meanLatenessMs,
      long missedRuns) {}

  public Snapshot snapshot() {
    return new Snapshot(completed, recurringRuns, maxLatenessMs, meanLatenessMs(), missedRuns);
  }
}
