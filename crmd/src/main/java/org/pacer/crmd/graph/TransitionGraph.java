package org.pacer.crmd.graph;

import java.util.List;

/**
 * A parsed {@code <transition_graph>}: what the scheduler wants done, in order.
 *
 * @param transitionId the scheduler's transition number
 * @param clusterDelayMs slack added to every action timeout for message round trips
 * @param stonithTimeoutMs how long a fencing action may take
 * @param batchLimit most actions in flight at once; 0 means no limit
 * @param migrationLimit most migrations in flight per node; -1 means no limit
 * @param recheckBy epoch seconds by which the scheduler wants to run again (0 = none)
 * @param synapses the actions and their ordering
 */
public record TransitionGraph(
    int transitionId,
    long clusterDelayMs,
    long stonithTimeoutMs,
    int batchLimit,
    int migrationLimit,
    long recheckBy,
    List<Synapse> synapses) {

  public TransitionGraph {
    synapses = List.copyOf(synapses);
  }

  /** Every action, in synapse order. */
  public List<GraphAction> actions() {
    return synapses.stream().flatMap(s -> s.actions().stream()).toList();
  }

  public boolean isEmpty() {
    return synapses.isEmpty();
  }
}
