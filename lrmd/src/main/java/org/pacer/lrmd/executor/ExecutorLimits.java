package org.pacer.lrmd.executor;

/**
 * Tunables of the executor.
 *
 * @param maxParallel how many agents may run at once (different resources; one resource never runs
 *     two actions at once)
 * @param historyPerResource how many recent results to keep per resource, beyond the last result of
 *     each operation
 * @param outputTailChars how much of an agent's output a result carries
 * @param guardMs how long past its timeout (and kill grace) an operation may stay unanswered by the
 *     agent runner before the executor reports it timed out itself
 */
public record ExecutorLimits(
    int maxParallel, int historyPerResource, int outputTailChars, long guardMs) {

  public ExecutorLimits {
    if (maxParallel < 1) {
      throw new IllegalArgumentException("maxParallel must be at least 1, got " + maxParallel);
    }
  }

  public static ExecutorLimits defaults() {
    // Agents mostly wait (on sleeps, daemons, the network), so far more of them than cores can
    // run at once; the limit is there to stop a storm of operations from forking without bound.
    return new ExecutorLimits(32, 20, 2048, 15_000);
  }

  public ExecutorLimits withMaxParallel(int value) {
    return new ExecutorLimits(value, historyPerResource, outputTailChars, guardMs);
  }
}
