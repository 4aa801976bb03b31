package org.pacer.crmd.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.pacer.crmd.transition.RunnerStep;
import org.pacer.crmd.transition.TransitionOutcome;
import org.pacer.crmd.transition.TransitionRunner;

/** Runs a graph to the end with every action succeeding, checking the ordering it promises. */
final class GraphRuns {

  private GraphRuns() {}

  /** Returns the actions in dispatch order. */
  static List<GraphAction> runAllSucceeding(TransitionGraph g) {
    TransitionRunner runner = new TransitionRunner(g, 0);
    Set<Integer> done = new HashSet<>();
    List<GraphAction> order = new ArrayList<>();
    Deque<GraphAction> inFlight = new ArrayDeque<>();
    TransitionOutcome[] outcome = {null};
    consume(runner.start(), g, done, order, inFlight, outcome);
    int guard = 0;
    while (!inFlight.isEmpty() && guard++ < 100_000) {
      GraphAction a = inFlight.removeFirst();
      done.add(a.id());
      consume(runner.confirm(a.id()), g, done, order, inFlight, outcome);
    }
    assertEquals(
        TransitionOutcome.DONE, outcome[0], "graph " + g.transitionId() + " did not finish");
    return order;
  }

  private static void consume(
      List<RunnerStep> steps,
      TransitionGraph g,
      Set<Integer> done,
      List<GraphAction> order,
      Deque<GraphAction> inFlight,
      TransitionOutcome[] outcome) {
    for (RunnerStep s : steps) {
      if (s instanceof RunnerStep.Dispatch d) {
        GraphAction a = d.action();
        Synapse syn = synapseOf(g, a.id());
        for (int input : syn.inputs()) {
          GraphAction in = GraphParser.actionsById(g).get(input);
          assertTrue(
              in.kind() == ActionKind.PSEUDO_EVENT || in.noWait() || done.contains(input),
              a.label() + " dispatched before its input " + in.label());
        }
        order.add(a);
        if (!a.noWait()) {
          inFlight.addLast(a);
        } else {
          done.add(a.id());
        }
      } else if (s instanceof RunnerStep.Complete c) {
        outcome[0] = c.outcome();
      }
    }
  }

  private static Synapse synapseOf(TransitionGraph g, int actionId) {
    for (Synapse s : g.synapses()) {
      for (GraphAction a : s.actions()) {
        if (a.id() == actionId) {
          return s;
        }
      }
    }
    throw new AssertionError("no synapse holds action " + actionId);
  }
}
