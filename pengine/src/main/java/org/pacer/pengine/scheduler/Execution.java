package org.pacer.pengine.scheduler;

import java.util.ArrayList;
import java.util.List;

/** Lists the runnable, required actions in an order that respects every ordering. */
final class Execution {
  private final ActionGraph g;

  Execution(ActionGraph g) {
    this.g = g;
  }

  List<String> lines() {
    List<Action> todo = new ArrayList<>();
    for (Action a : g.actions) {
      if (a.required() && a.runnable) {
        todo.add(a);
      }
    }
    List<String> out = new ArrayList<>();
    boolean[] done = new boolean[g.actions.size()];
    boolean progress = true;
    while (progress) {
      progress = false;
      for (Action a : todo) {
        if (done[a.id] || !ready(a, done)) {
          continue;
        }
        done[a.id] = true;
        progress = true;
        out.add(line(a));
      }
    }
    return out;
  }

  private static boolean ready(Action a, boolean[] done) {
    for (Ordering o : a.inputs) {
      Action f = o.first();
      if (f.required() && f.runnable && !done[f.id]) {
        return false;
      }
    }
    return true;
  }

  static String line(Action a) {
    if (a.fenceAction != null) {
      return "Fencing " + a.node.uname + " (" + a.fenceAction + ")";
    }
    if (a.clusterAction) {
      return "Cluster action:  " + a.task + " on " + a.node.uname;
    }
    if (a.pseudo || a.node == null) {
      return "Pseudo action:   " + a.key();
    }
    String op = a.intervalMs > 0 ? a.task + "=" + a.intervalMs : a.task;
    return String.format("Resource action: %-15s %s on %s", a.rsc.id, op, a.node.uname);
  }
}
