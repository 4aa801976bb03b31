package org.pacer.crmd.transition;

import org.pacer.crmd.graph.GraphAction;

/** What the transition runner asks of the controller. */
public sealed interface RunnerStep {

  /** Start this action (send it to its node's executor, fence, shut down, ...). */
  record Dispatch(GraphAction action) implements RunnerStep {}

  /** Fail the action if it has not completed within {@code delayMs}. */
  record ArmTimer(int actionId, long delayMs) implements RunnerStep {}

  /** The action completed; its timer is no longer needed. */
  record DisarmTimer(int actionId) implements RunnerStep {}

  /** The transition is over: nothing more will be dispatched and nothing is in flight. */
  record Complete(TransitionOutcome outcome, String reason) implements RunnerStep {}
}
