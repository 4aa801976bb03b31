package org.pacer.pengine.scheduler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The actions of a run and their orderings, with the propagation of required/runnable. */
final class ActionGraph {
  final List<Action> actions = new ArrayList<>();
  private final Map<String, Action> byKey = new HashMap<>();
  final List<Ordering> orderings = new ArrayList<>();

  Action get(Rsc rsc, String task, ClusterNode node) {
    return byKey.get(key(rsc, task, node));
  }

  Action create(Rsc rsc, String task, ClusterNode node, long interval) {
    String k = key(rsc, task, node) + (interval == 0 ? "" : "/" + interval);
    Action a = byKey.get(k);
    if (a == null) {
      a = new Action(actions.size(), rsc, task, node, interval);
      actions.add(a);
      byKey.put(k, a);
    }
    return a;
  }

  Action pseudo(Rsc rsc, String task) {
    Action a = create(rsc, task, null, 0);
    a.pseudo = true;
    return a;
  }

  private static String key(Rsc rsc, String task, ClusterNode node) {
    return (rsc == null ? "" : rsc.id)
        + "\u0000"
        + task
        + "\u0000"
        + (node == null ? "" : node.uname);
  }

  void order(Action first, Action then, int flags) {
    if (first == null || then == null || first == then) {
      return;
    }
    Ordering o = new Ordering(first, then, flags);
    orderings.add(o);
    first.outputs.add(o);
    then.inputs.add(o);
  }

  /**
   * Carries required and unrunnable along the orderings until nothing changes. Flags only ever go
   * one way (optional to required, runnable to unrunnable), so a worklist of changed actions
   * reaches the fixed point in time linear in the orderings touched.
   */
  void propagate() {
    java.util.ArrayDeque<Action> work = new java.util.ArrayDeque<>(actions);
    boolean[] queued = new boolean[actions.size()];
    java.util.Arrays.fill(queued, true);
    while (!work.isEmpty()) {
      for (Action s : pendingStops) {
        enqueue(s, work, queued);
      }
      pendingStops.clear();
      Action a = work.poll();
      queued[a.id] = false;
      if (updateRunnable(a)) {
        enqueue(a, work, queued);
      }
      for (Ordering o : a.outputs) {
        Action t = o.then();
        boolean tr = t.runnable;
        boolean to = t.optional;
        boolean fo = o.first().optional;
        apply(o);
        if (t.runnable != tr || t.optional != to) {
          enqueue(t, work, queued);
        }
        if (o.first().optional != fo) {
          enqueue(o.first(), work, queued);
        }
      }
      for (Ordering o : a.inputs) {
        Action f = o.first();
        boolean fo = f.optional;
        boolean ar = a.runnable;
        boolean ao = a.optional;
        apply(o);
        if (f.optional != fo) {
          enqueue(f, work, queued);
        }
        if (a.runnable != ar || a.optional != ao) {
          // Changed from one of its inputs: what follows it must hear of it.
          enqueue(a, work, queued);
        }
      }
    }
  }

  private static void enqueue(Action a, java.util.ArrayDeque<Action> work, boolean[] queued) {
    if (!queued[a.id]) {
      queued[a.id] = true;
      work.add(a);
    }
  }

  private boolean updateRunnable(Action a) {
    if (!a.runnable) {
      return false;
    }
    boolean anyOneOrMore = false;
    int runnableInputs = 0;
    Ordering firstOneOrMore = null;
    for (Ordering o : a.inputs) {
      if (o.has(Ordering.ONE_OR_MORE)) {
        anyOneOrMore = true;
        if (firstOneOrMore == null) {
          firstOneOrMore = o;
        }
        if (o.first().runnable) {
          runnableInputs++;
        }
      }
    }
    if (anyOneOrMore && runnableInputs < a.minRunnable) {
      a.runnable = false;
      a.blockedBy = "unrunnable " + firstOneOrMore.first().describe();
      return true;
    }
    return false;
  }

  /** A blocked start of something running where it is: its stop becomes required. */
  private void stopBlocked(Action start) {
    if (!"start".equals(start.task)
        || start.node == null
        || !(start.rsc instanceof Primitive p)
        || !p.active.containsKey(start.node)) {
      return;
    }
    Action stop = get(p, "stop", start.node);
    if (stop != null && stop.optional) {
      stop.optional = false;
      stop.reason = start.blockedBy;
      pendingStops.add(stop);
    }
  }

  /** Stops made required outside the ordering walk, to be carried on by propagate(). */
  private final java.util.List<Action> pendingStops = new java.util.ArrayList<>();

  private static boolean isMigrating(Action a) {
    return a.rsc instanceof Primitive p
        && p.migrating
        && (a.task.equals("start") || a.task.equals("stop"));
  }

  /**
   * A clone's action forces what is ordered after it only where that happens: a primitive running
   * on a node restarts after its clone when the clone's instance there (re)starts, not because an
   * instance starts somewhere else.
   */
  private boolean requiredFor(Action f, Action t) {
    if (!(f.rsc instanceof CloneRsc clone)
        || t.node == null
        || t.rsc instanceof CloneRsc
        || t.rsc.cloneParent() != null) {
      return true; // (a clone's own instances, and clones among themselves, follow other rules)
    }
    String task =
        switch (f.task) {
          case "start", "running" -> "start";
          case "stop", "stopped" -> "stop";
          case "promote", "promoted" -> "promote";
          case "demote", "demoted" -> "demote";
          default -> null;
        };
    if (task == null) {
      return true;
    }
    for (Primitive p : clone.primitives()) {
      Action a = get(p, task, t.node);
      if (a != null && a.required()) {
        return true;
      }
    }
    return false;
  }

  private boolean apply(Ordering o) {
    Action f = o.first();
    Action t = o.then();
    boolean changed = false;
    if (o.has(Ordering.SAME_NODE) && (f.node == null || f.node != t.node)) {
      return false;
    }
    if (o.has(Ordering.RUNNABLE_LEFT) && !f.runnable && t.runnable) {
      t.runnable = false;
      boolean pass = f.blockedBy != null && f.pseudo && o.has(Ordering.PASS_REASON);
      // Pacemaker records no reason when an action blocks another of the same resource.
      t.blockedBy = pass ? f.blockedBy : f.rsc == t.rsc ? null : "unrunnable " + f.describe();
      t.blockedByAction = pass ? f.blockedByAction : f;
      changed = true;
    }
    if (o.has(Ordering.REQUIRED_RUNNABLE_LEFT) && f.required() && !f.runnable && t.runnable) {
      t.runnable = false;
      t.blockedBy = "unrunnable " + f.describe();
      changed = true;
    }
    if (o.has(Ordering.RUNNABLE_LEFT)
        && !f.runnable
        && !t.stopIfBlocked
        && (o.has(Ordering.SYMMETRIC) || (f.stopIfBlocked && o.has(Ordering.PASS_REASON)))) {
      t.stopIfBlocked = true;
      changed = true;
      stopBlocked(t);
    }
    // A migration is not a restart: it does not force the resources ordered around it.
    boolean migration = f.rsc != t.rsc && (isMigrating(f) || isMigrating(t));
    if (o.has(Ordering.IMPLIES_THEN)
        && f.required()
        && t.optional
        && !migration
        && requiredFor(f, t)) {
      t.optional = false;
      t.reason = o.has(Ordering.PASS_REASON) ? f.reason : "required " + f.describe();
      changed = true;
    }
    if (o.has(Ordering.IMPLIES_FIRST) && t.required() && f.optional && !migration) {
      f.optional = false;
      f.reason = o.has(Ordering.PASS_REASON) ? t.reason : "required " + t.describe();
      changed = true;
    }
    return changed;
  }
}
