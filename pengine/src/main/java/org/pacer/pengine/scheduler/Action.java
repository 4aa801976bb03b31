package org.pacer.pengine.scheduler;

import java.util.ArrayList;
import java.util.List;

/**
 * One action of the transition: a resource operation on a node, a pseudo action (group and clone
 * milestones, stops implied by fencing), fencing, or a cluster action. Optional actions exist for
 * ordering but run only when something makes them required.
 */
final class Action {
  final int id;
  final Rsc rsc;
  final String task;
  final ClusterNode node;
  final long intervalMs;
  boolean pseudo;
  boolean optional = true;
  boolean runnable = true;

  /** Why the action became required ("required X start"); null when it always was. */
  String reason;

  /** Why it cannot run ("unrunnable X start", "no quorum"). */
  String blockedBy;

  /** The action whose being unrunnable made this one unrunnable through an ordering, if any. */
  Action blockedByAction;

  /** Blocked through a symmetrical ordering: what already runs must stop too. */
  boolean stopIfBlocked;

  /** For "at least N of these" pseudo actions: how many ONE_OR_MORE inputs must be runnable. */
  int minRunnable = 1;

  /** For fencing: the action (reboot, off, on) and why. */
  String fenceAction;

  /** A controller action on its node (do_shutdown), not a resource operation. */
  boolean clusterAction;

  final List<Ordering> inputs = new ArrayList<>();
  final List<Ordering> outputs = new ArrayList<>();

  Action(int id, Rsc rsc, String task, ClusterNode node, long intervalMs) {
    this.id = id;
    this.rsc = rsc;
    this.task = task;
    this.node = node;
    this.intervalMs = intervalMs;
  }

  /** Pacemaker's operation key: resource_task_interval. */
  String key() {
    if (clusterAction) {
      return task + "-" + node.uname;
    }
    return (rsc == null ? "" : rsc.id + "_") + task + "_" + intervalMs;
  }

  boolean required() {
    return !optional;
  }

  /** "X start", as reasons name it. */
  String describe() {
    return (rsc == null ? "" : rsc.id + " ") + task;
  }

  @Override
  public String toString() {
    return key()
        + (node == null ? "" : "@" + node.uname)
        + (optional ? "?" : "!")
        + (runnable ? "" : "X");
  }
}
