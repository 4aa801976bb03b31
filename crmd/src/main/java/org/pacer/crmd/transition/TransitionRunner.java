package org.pacer.crmd.transition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pacer.crmd.graph.ActionKind;
import org.pacer.crmd.graph.GraphAction;
import org.pacer.crmd.graph.Synapse;
import org.pacer.crmd.graph.TransitionGraph;

/**
 * Executes one transition graph: a synapse fires once every input action has completed; pseudo
 * events complete as soon as they fire; real actions are handed out as {@link RunnerStep.Dispatch}
 * and complete when the controller reports their result.
 *
 * <p>Pure: no clock, no I/O. Limits follow the graph: {@code batch-limit} caps the actions in
 * flight cluster-wide, {@code migration-limit} the migrations in flight per node, and a per-node
 * limit ({@code node-action-limit}) may be given too. Higher-priority synapses go first when a
 * limit holds work back.
 *
 * <p>An abort lets in-flight actions finish (their results still count) but fires nothing new; the
 * transition completes when the last of them reports, which is the safe point at which the
 * controller asks for a new graph.
 */
public final class TransitionRunner {

  private enum ActionState {
    WAITING,
    IN_FLIGHT,
    CONFIRMED,
    FAILED
  }

  private final TransitionGraph graph;
  private final int nodeActionLimit;
  private final Map<Integer, GraphAction> actions = new HashMap<>();
  private final Map<Integer, ActionState> states = new HashMap<>();
  private final List<Synapse> pending = new ArrayList<>();
  private final Map<String, Integer> inFlightPerNode = new HashMap<>();
  private final Map<String, Integer> migrationsPerNode = new HashMap<>();
  private int inFlight;
  private boolean aborting;
  private String abortReason;
  private boolean complete;
  private boolean actionFailed;

  /**
   * @param nodeActionLimit most actions in flight per node; 0 for no limit
   */
  public TransitionRunner(TransitionGraph graph, int nodeActionLimit) {
    this.graph = graph;
    this.nodeActionLimit = nodeActionLimit;
    for (Synapse s : graph.synapses()) {
      for (GraphAction a : s.actions()) {
        actions.put(a.id(), a);
        states.put(a.id(), ActionState.WAITING);
      }
      pending.add(s);
    }
    pending.sort(
        Comparator.comparingInt((Synapse s) -> -s.priority()).thenComparingInt(Synapse::id));
  }

  public TransitionGraph graph() {
    return graph;
  }

  public int transitionId() {
    return graph.transitionId();
  }

  public boolean isComplete() {
    return complete;
  }

  public boolean isAborting() {
    return aborting;
  }

  /** Whether an action of this transition failed (rather than something else changing). */
  public boolean hasFailedAction() {
    return actionFailed;
  }

  /** The in-flight action with this operation key on this node, or null. */
  public GraphAction inFlight(int actionId) {
    return states.get(actionId) == ActionState.IN_FLIGHT ? actions.get(actionId) : null;
  }

  public int inFlightCount() {
    return inFlight;
  }

  public List<RunnerStep> start() {
    return advance(new ArrayList<>());
  }

  /** The action completed as the graph expected. */
  public List<RunnerStep> confirm(int actionId) {
    List<RunnerStep> steps = new ArrayList<>();
    if (finish(actionId, ActionState.CONFIRMED, steps)) {
      advance(steps);
    }
    return steps;
  }

  /**
   * The action failed or returned something the graph did not expect. Actions waiting on it can
   * never run, so the transition is aborted.
   */
  public List<RunnerStep> fail(int actionId, String reason) {
    List<RunnerStep> steps = new ArrayList<>();
    if (finish(actionId, ActionState.FAILED, steps)) {
      actionFailed = true;
      markAborting("action " + actions.get(actionId).label() + " failed: " + reason);
      advance(steps);
    }
    return steps;
  }

  /** Stops firing new actions; completes once in-flight ones report. */
  public List<RunnerStep> abort(String reason) {
    List<RunnerStep> steps = new ArrayList<>();
    if (complete) {
      return steps;
    }
    markAborting(reason);
    return advance(steps);
  }

  private void markAborting(String reason) {
    if (!aborting) {
      aborting = true;
      abortReason = reason;
    }
  }

  private boolean finish(int actionId, ActionState to, List<RunnerStep> steps) {
    if (states.get(actionId) != ActionState.IN_FLIGHT) {
      return false;
    }
    GraphAction a = actions.get(actionId);
    states.put(actionId, to);
    inFlight--;
    String node = a.executingNode();
    inFlightPerNode.merge(node, -1, Integer::sum);
    if (a.isMigration()) {
      migrationsPerNode.merge(node, -1, Integer::sum);
    }
    steps.add(new RunnerStep.DisarmTimer(actionId));
    return true;
  }

  private List<RunnerStep> advance(List<RunnerStep> steps) {
    if (complete) {
      return steps;
    }
    boolean progress = true;
    while (progress && !aborting) {
      progress = false;
      for (var it = pending.iterator(); it.hasNext(); ) {
        Synapse s = it.next();
        if (!ready(s) || !fits(s)) {
          continue;
        }
        it.remove();
        fire(s, steps);
        progress = true;
        // Firing may confirm pseudo events and make earlier-sorted synapses ready: rescan.
        break;
      }
    }
    if (inFlight == 0) {
      if (aborting) {
        complete(TransitionOutcome.ABORTED, abortReason, steps);
      } else if (allConfirmed()) {
        complete(TransitionOutcome.DONE, "all actions completed", steps);
      } else {
        complete(TransitionOutcome.STALLED, "no remaining action can run", steps);
      }
    }
    return steps;
  }

  private void complete(TransitionOutcome outcome, String reason, List<RunnerStep> steps) {
    complete = true;
    steps.add(new RunnerStep.Complete(outcome, reason));
  }

  private boolean ready(Synapse s) {
    for (int input : s.inputs()) {
      if (states.get(input) != ActionState.CONFIRMED) {
        return false;
      }
    }
    return true;
  }

  private boolean fits(Synapse s) {
    int real = 0;
    for (GraphAction a : s.actions()) {
      if (a.kind() == ActionKind.PSEUDO_EVENT || a.noWait()) {
        continue;
      }
      real++;
      String node = a.executingNode();
      if (nodeActionLimit > 0 && inFlightPerNode.getOrDefault(node, 0) >= nodeActionLimit) {
        return false;
      }
      if (a.isMigration()
          && graph.migrationLimit() >= 0
          && migrationsPerNode.getOrDefault(node, 0) >= graph.migrationLimit()) {
        return false;
      }
    }
    // One synapse may overshoot the batch limit rather than never run.
    return real == 0 || graph.batchLimit() <= 0 || inFlight < graph.batchLimit();
  }

  private void fire(Synapse s, List<RunnerStep> steps) {
    for (GraphAction a : s.actions()) {
      if (a.kind() == ActionKind.PSEUDO_EVENT) {
        states.put(a.id(), ActionState.CONFIRMED);
        continue;
      }
      if (a.noWait()) {
        states.put(a.id(), ActionState.CONFIRMED);
        steps.add(new RunnerStep.Dispatch(a));
        continue;
      }
      states.put(a.id(), ActionState.IN_FLIGHT);
      inFlight++;
      inFlightPerNode.merge(a.executingNode(), 1, Integer::sum);
      if (a.isMigration()) {
        migrationsPerNode.merge(a.executingNode(), 1, Integer::sum);
      }
      // The timer first: a dispatch that fails at once disarms it again.
      steps.add(new RunnerStep.ArmTimer(a.id(), timeoutFor(a)));
      steps.add(new RunnerStep.Dispatch(a));
    }
  }

  /** The action's own timeout plus the graph's allowance for message delays. */
  long timeoutFor(GraphAction a) {
    long own =
        a.kind() == ActionKind.CRM_EVENT && a.operation().equals("stonith")
            ? graph.stonithTimeoutMs()
            : a.timeoutMs() > 0 ? a.timeoutMs() : 20_000;
    return own + graph.clusterDelayMs();
  }

  private boolean allConfirmed() {
    for (ActionState st : states.values()) {
      if (st != ActionState.CONFIRMED) {
        return false;
      }
    }
    return true;
  }
}
