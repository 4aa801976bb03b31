package org.pacer.pengine.graph;

import java.util.List;

/**
 * A transition graph: one synapse per action, each with the actions that must complete first. What
 * the controller executes and what crm_simulate saves with {@code -G}.
 */
public record TransitionGraph(
    int transitionId, long clusterDelayMs, long stonithTimeoutMs, List<Synapse> synapses) {

  /** An action and its inputs. */
  public record Synapse(int id, GraphAction action, List<GraphAction> inputs) {}

  public int actionCount() {
    return synapses.size();
  }
}
