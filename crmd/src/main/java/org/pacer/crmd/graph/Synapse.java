package org.pacer.crmd.graph;

import java.util.List;

/**
 * A group of actions that run together once every input action has completed.
 *
 * @param id the synapse id
 * @param priority higher runs first when a limit holds actions back
 * @param actions the actions of {@code <action_set>} (almost always one)
 * @param inputs the ids of the actions that must complete first ({@code <inputs>/<trigger>})
 */
public record Synapse(int id, int priority, List<GraphAction> actions, List<Integer> inputs) {
  public Synapse {
    actions = List.copyOf(actions);
    inputs = List.copyOf(inputs);
  }
}
