package org.pacer.pengine.scheduler;

import static org.pacer.pengine.scheduler.Ordering.IMPLIES_FIRST;
import static org.pacer.pengine.scheduler.Ordering.IMPLIES_THEN;
import static org.pacer.pengine.scheduler.Ordering.ONE_OR_MORE;
import static org.pacer.pengine.scheduler.Ordering.PASS_REASON;
import static org.pacer.pengine.scheduler.Ordering.RUNNABLE_LEFT;
import static org.pacer.pengine.scheduler.Ordering.SAME_NODE;
import static org.pacer.pengine.scheduler.Ordering.SYMMETRIC;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pacer.pengine.model.ClusterOption;

/**
 * Creates the actions each resource needs to get from where it is to where it was placed, the
 * orderings inside groups and clones, and fencing of unclean nodes.
 */
final class ActionBuilder {
  private final Cluster c;
  private final ActionGraph g;
  final List<Action> fencing = new ArrayList<>();

  ActionBuilder(Cluster c, ActionGraph g) {
    this.c = c;
    this.g = g;
  }

  void build() {
    fence();
    for (Rsc r : c.resources) {
      build(r);
    }
    restartFailedContainers();
    Unfencing.schedule(c, g, fencing);
    orderAfterFencing();
    shutdowns();
  }

  /**
   * A cluster node that asked to leave (its {@code shutdown} attribute) and is still up cleanly
   * gets a {@code do_shutdown}: the controller lets it go once every stop there is done, so it
   * leaves known to run nothing and is not fenced. Its stops are required; an unrunnable stop
   * blocks the shutdown (the node must not leave with something still running). Unmanaged resources
   * are left out: they would hold the node forever. Other nodes go before the DC.
   */
  private void shutdowns() {
    Action dcDown = null;
    List<Action> others = new ArrayList<>();
    for (ClusterNode n : c.nodes) {
      if (!n.shutdown || !n.online || n.unclean || n.isRemote()) {
        continue;
      }
      Action down = g.create(null, "do_shutdown", n, 0);
      down.optional = false;
      down.clusterAction = true;
      boolean untouched = n.maintenance || c.options.bool(ClusterOption.MAINTENANCE_MODE);
      for (Primitive p : c.allPrimitives) {
        if (p.blocked && p.active.containsKey(n) && !untouched) {
          down.runnable = false;
          down.blockedBy = "unrunnable " + p.id + " stop";
        }
      }
      for (Action a : List.copyOf(g.actions)) {
        if (a.node == n
            && "stop".equals(a.task)
            && !a.pseudo
            && a.rsc instanceof Primitive p
            && p.managed) {
          a.optional = false;
          g.order(a, down, RUNNABLE_LEFT);
        }
      }
      if (n == c.dc) {
        dcDown = down;
      } else {
        others.add(down);
      }
    }
    for (Action down : others) {
      g.order(down, dcDown, 0);
    }
  }

  /**
   * What fencing a node implies happens only once the fencing is done: the stops and demotes on the
   * node (pseudo actions) wait for it, and so does every start and promote of a resource that
   * requires fencing (requires=fencing), wherever it runs. Without these a resource was started on
   * a survivor while the lost node could still be running it.
   */
  private void orderAfterFencing() {
    for (Action f : fencing) {
      for (Action a : List.copyOf(g.actions)) {
        if (a.rsc == null) {
          continue;
        }
        boolean implied =
            a.pseudo && a.node == f.node && ("stop".equals(a.task) || "demote".equals(a.task));
        boolean needsFencing =
            a.rsc instanceof Primitive p
                && "fencing".equals(p.requires)
                && ("start".equals(a.task) || "promote".equals(a.task));
        if (implied) {
          g.order(f, a, RUNNABLE_LEFT);
        } else if (needsFencing) {
          g.order(f, a, 0);
        }
      }
    }
  }

  /**
   * A failure of something inside a container is recovered by restarting the container (and,
   * through the orderings, everything in it), unless its on-fail says otherwise.
   */
  private void restartFailedContainers() {
    for (Primitive p : c.allPrimitives) {
      if (!(p.container instanceof Primitive box) || !p.failed) {
        continue;
      }
      boolean restartContainer = false;
      for (Primitive.History h : p.history.values()) {
        if (h.failed && (h.onFail == null || h.onFail.equals("restart-container"))) {
          restartContainer = true;
        }
      }
      ClusterNode n = box.current();
      if (!restartContainer || n == null || box.allocated != n) {
        continue;
      }
      Action stop = g.get(box, "stop", n);
      Action start = g.get(box, "start", n);
      if (stop != null && start != null) {
        stop.optional = false;
        start.optional = false;
      }
    }
  }

  private void fence() {
    String action = c.options.get(ClusterOption.STONITH_ACTION);
    if ("poweroff".equals(action)) {
      action = "off";
    }
    for (ClusterNode n : c.nodes) {
      if (!n.unclean || !canFence(n)) {
        continue;
      }
      Action f = g.create(null, "stonith", n, 0);
      f.optional = false;
      f.fenceAction = RemoteNodes.guestFenceAction(n, action);
      f.reason = n.uncleanReason;
      fencing.add(f);
    }
  }

  boolean canFence(ClusterNode n) {
    return c.canFence(n);
  }

  void fenceForFailure(ClusterNode n, String reason) {
    if (!c.stonithEnabled || n.unclean) {
      return;
    }
    n.unclean = true;
    n.uncleanReason = reason;
    Action f = g.create(null, "stonith", n, 0);
    f.optional = false;
    f.fenceAction = c.options.get(ClusterOption.STONITH_ACTION);
    f.reason = reason;
    fencing.add(f);
  }

  private void build(Rsc r) {
    if (r instanceof Primitive p) {
      primitive(p);
    } else if (r instanceof GroupRsc gr) {
      for (Primitive m : gr.members) {
        primitive(m);
      }
      group(gr);
    } else if (r instanceof CloneRsc cl) {
      for (Rsc inst : cl.instances) {
        build(inst);
      }
      clone(cl);
    }
  }

  Action start(Primitive p) {
    return g.create(p, "start", p.allocated, 0);
  }

  private void primitive(Primitive p) {
    createActions(p);
    probes(p);
    recurring(p);
  }

  /** Recurring monitors for the role the resource will have, after its start or promote. */
  private void recurring(Primitive p) {
    ClusterNode next = p.allocated;
    if (next == null || !p.managed || next.unclean) {
      return;
    }
    Role role = p.nextRole == null ? Role.STARTED : p.nextRole;
    Action start = g.get(p, "start", next);
    Action promote = g.get(p, "promote", next);
    for (org.pacer.pengine.model.OpDef o : p.ops) {
      if (!"monitor".equals(o.name()) || o.intervalMs() <= 0 || "false".equals(o.attr("enabled"))) {
        continue;
      }
      Role opRole = Role.parse(o.role());
      boolean promotedOp = opRole == Role.PROMOTED;
      if (opRole == Role.STOPPED || promotedOp != (role == Role.PROMOTED)) {
        continue;
      }
      Action m = g.create(p, "monitor", next, o.intervalMs());
      Primitive.History h = p.history.get(next);
      boolean running =
          h != null && h.monitors.containsKey(o.intervalMs()) && p.active.get(next) == role;
      if (!running) {
        m.optional = false;
      }
      g.order(start, m, IMPLIES_THEN | RUNNABLE_LEFT);
      if (promotedOp && promote != null) {
        g.order(promote, m, IMPLIES_THEN | RUNNABLE_LEFT);
      }
    }
  }

  /** One-off monitors (probes) where the resource's state on a node was never recorded. */
  private void probes(Primitive p) {
    if (!c.options.bool(ClusterOption.ENABLE_STARTUP_PROBES)
        || c.options.bool(ClusterOption.MAINTENANCE_MODE)) {
      return;
    }
    CloneRsc clone = p.cloneParent();
    for (ClusterNode n : c.nodes) {
      if (n.joining && !n.unclean && !p.history.containsKey(n) && !p.isActive()) {
        // A node still joining cannot be probed yet: what is not running anywhere may not start
        // until it is known not to run there.
        Action start = p.allocated == null ? null : g.get(p, "start", p.allocated);
        if (start != null && start.runnable) {
          start.runnable = false;
          start.blockedBy = null;
        }
      }
      if (!n.online || n.unclean || n.pending || p.history.containsKey(n)) {
        continue;
      }
      if (p.isRemoteConnection && n.kind != ClusterNode.Kind.MEMBER || Bundles.noProbe(p, n)) {
        continue;
      }
      if (clone != null && !clone.globallyUnique && !firstUnprobed(clone, p, n)) {
        continue;
      }
      Action probe = g.create(p, "monitor", n, 0);
      probe.optional = false;
      Action start = g.get(p, "start", n);
      if (start != null) {
        g.order(probe, start, 0);
      }
    }
  }

  private static boolean firstUnprobed(CloneRsc clone, Primitive p, ClusterNode n) {
    for (Primitive q : clone.primitives()) {
      if (q.def == p.def && q.history.containsKey(n)) {
        return false;
      }
    }
    for (Primitive q : clone.primitives()) {
      if (q.def == p.def) {
        return q == p;
      }
    }
    return false;
  }

  private void createActions(Primitive p) {
    ClusterNode next = p.allocated;
    Action start = g.create(p, "start", next, 0);
    boolean activeOnNext = next != null && p.active.containsKey(next);
    if (next == null) {
      start.runnable = false;
      start.blockedBy = "node availability";
    } else if (!activeOnNext) {
      start.optional = false;
    }
    if (!p.managed) {
      start.optional = true;
      // What depends on an unmanaged resource may go ahead only while it runs healthily.
      start.runnable = p.isActive() && !p.blocked && !p.failed;
    }
    boolean quorumStop = false;
    String quorum = c.quorumBlock(p);
    if (next != null && p.managed && quorum != null) {
      start.runnable = false;
      start.blockedBy = quorum;
      // Fencing devices keep running without quorum; they are what restores it.
      quorumStop = activeOnNext && (!p.isStonith() || "demote".equals(c.noQuorumPolicy));
    }
    Role nextRole = p.nextRole == null ? Role.STOPPED : p.nextRole;
    for (var e : p.active.entrySet()) {
      ClusterNode n = e.getKey();
      Action stop = g.create(p, "stop", n, 0);
      Primitive.History h = p.history(n);
      if (!p.managed) {
        stop.runnable = false;
        continue;
      }
      if (n != next || quorumStop) {
        stop.optional = false;
      }
      if (h.agentChanged) {
        // Another agent made this history: stop it, forget it, start the configured one.
        stop.optional = false;
        if (n == next) {
          start.optional = false;
        }
      } else if (n == next && !h.failed && h.startDigest != null && !p.orphan) {
        if (!p.bundlePart) {
          definitionChange(p, h, start, stop);
        }
      }
      if ((h.failed || p.multiplyActive || h.restartNeeded) && n == next) {
        stop.optional = false;
        start.optional = false;
      }
      if (n.unclean && canFence(n)) {
        stop.pseudo = true;
      } else if (n.unclean || !n.online) {
        stop.runnable = false;
      }
      if (h.stopFailed && !(n.unclean && canFence(n))) {
        stop.runnable = false; // fencing the node would have stopped it for sure
      }
      g.order(stop, start, IMPLIES_THEN | SAME_NODE);
      g.order(stop, start, IMPLIES_FIRST | SAME_NODE);
      g.order(stop, start, 0);
      if (e.getValue() == Role.PROMOTED) {
        Action demote = g.create(p, "demote", n, 0);
        if (n != next || nextRole != Role.PROMOTED) {
          demote.optional = false;
        }
        g.order(demote, stop, IMPLIES_FIRST);
        if (n.unclean && canFence(n)) {
          demote.pseudo = true;
        }
      }
    }
    Migration.danglingStops(g, p, start);
    if (next != null && nextRole == Role.PROMOTED) {
      Action promote = g.create(p, "promote", next, 0);
      if (p.active.get(next) != Role.PROMOTED) {
        promote.optional = false;
      }
      if (!p.managed) {
        // Unmanaged (maintenance mode): never promoted by the cluster, as it is never started.
        promote.runnable = p.active.get(next) == Role.PROMOTED;
      }
      g.order(start, promote, IMPLIES_THEN | RUNNABLE_LEFT | SAME_NODE);
      g.order(start, promote, RUNNABLE_LEFT);
      Action demote = g.get(p, "demote", next);
      if (demote != null) {
        g.order(demote, promote, IMPLIES_THEN);
      }
    }
  }

  /** Restarts (or reloads) a resource whose parameters changed since it started. */
  private void definitionChange(Primitive p, Primitive.History h, Action start, Action stop) {
    // The start's digest covers the resource's parameters and the start operation's own.
    Map<String, String> params = Digest.startParams(p);
    boolean opParams = false;
    for (var o : p.ops) {
      if ("start".equals(o.name()) && o.intervalMs() == 0) {
        opParams |= !o.params().isEmpty();
      }
    }
    if (h.startDigest.equals(Digest.of(params))) {
      return;
    }
    // Saved CIBs mask secrets: then compare what the secrets leave out.
    if (h.secureDigest != null
        && h.secureParams != null
        && h.secureDigest.equals(Digest.without(params, h.secureParams))) {
      return;
    }
    if (h.restartDigest != null
        && h.forceRestart != null
        && h.restartDigest.equals(Digest.restartOf(params, h.forceRestart))
        && !h.startPending
        && !opParams) {
      // (Parameters set on the start operation itself are never reloaded, as with Pacemaker.)
      p.reload = true;
      return;
    }
    start.optional = false;
    if (!h.startPending) {
      // A start still in progress cannot be reloaded: it is redone, without a reason shown.
      start.reason = "resource definition change";
    }
    stop.optional = false;
  }

  private void group(GroupRsc gr) {
    Action start = g.pseudo(gr, "start");
    Action running = g.pseudo(gr, "running");
    Action stop = g.pseudo(gr, "stop");
    Action stopped = g.pseudo(gr, "stopped");
    Primitive prev = null;
    for (Primitive m : gr.members) {
      Action ms = start(m);
      g.order(start, ms, IMPLIES_THEN | PASS_REASON | RUNNABLE_LEFT);
      g.order(ms, running, IMPLIES_THEN | RUNNABLE_LEFT);
      for (ClusterNode n : m.active.keySet()) {
        Action mstop = g.get(m, "stop", n);
        g.order(stop, mstop, IMPLIES_THEN | PASS_REASON);
        g.order(mstop, stopped, IMPLIES_THEN);
      }
      if (prev != null && gr.ordered) {
        orderPrimitives(prev, "start", m, "start", IMPLIES_THEN | RUNNABLE_LEFT | SYMMETRIC, true);
      }
      prev = m;
    }
  }

  private void clone(CloneRsc cl) {
    Action start = g.pseudo(cl, "start");
    Action running = g.pseudo(cl, "running");
    Action stop = g.pseudo(cl, "stop");
    Action stopped = g.pseudo(cl, "stopped");
    for (Rsc inst : cl.instances) {
      Action is = firstAction(inst, "start", false).stream().findFirst().orElse(null);
      Action ir = firstAction(inst, "start", true).stream().findFirst().orElse(null);
      g.order(start, is, IMPLIES_THEN | PASS_REASON | RUNNABLE_LEFT);
      g.order(ir, running, IMPLIES_THEN | ONE_OR_MORE);
      for (Action st : thenActions(inst, "stop")) {
        g.order(stop, st, IMPLIES_THEN | PASS_REASON);
      }
      for (Action sd : firstAction(inst, "stop", true)) {
        g.order(sd, stopped, IMPLIES_THEN);
      }
    }
  }

  /** The action that marks "task done" for a resource when it comes first in an ordering. */
  List<Action> firstAction(Rsc r, String task, boolean asFirst) {
    List<Action> out = new ArrayList<>();
    if (r instanceof Primitive p) {
      switch (task) {
        case "start" -> out.add(start(p));
        case "promote" -> {
          Action a = p.allocated == null ? null : g.get(p, "promote", p.allocated);
          if (a == null) {
            a = g.create(p, "promote", p.allocated, 0);
            if (p.allocated == null || p.nextRole != Role.PROMOTED) {
              a.runnable = p.currentRole() == Role.PROMOTED && p.nextRole == Role.PROMOTED;
            }
          }
          out.add(a);
        }
        default -> {
          for (ClusterNode n : p.active.keySet()) {
            Action a = g.get(p, task, n);
            if (a != null) {
              out.add(a);
            }
          }
        }
      }
      return out;
    }
    if (asFirst) {
      String done =
          switch (task) {
            case "start" -> "running";
            case "stop" -> "stopped";
            case "promote" -> "promoted";
            case "demote" -> "demoted";
            default -> task;
          };
      out.add(g.pseudo(r, done));
    } else {
      out.add(g.pseudo(r, task));
    }
    return out;
  }

  List<Action> thenActions(Rsc r, String task) {
    return firstAction(r, task, false);
  }

  void orderPrimitives(Rsc f, String ft, Rsc t, String tt, int flags, boolean symmetrical) {
    if (symmetrical && (flags & RUNNABLE_LEFT) != 0) {
      flags |= SYMMETRIC;
    }
    if (f instanceof CloneRsc fc
        && (fc.cloneMin > 0 || !requireAll)
        && "start".equals(ft)
        && orderId != null
        && (flags & RUNNABLE_LEFT) != 0) {
      atLeast(fc, t, tt, flags, symmetrical);
      return;
    }
    if (f instanceof CloneRsc fc && t instanceof CloneRsc tc && tc.interleave && fc != tc) {
      interleave(fc, ft, tc, tt, flags, symmetrical);
      return;
    }
    for (Action a : firstAction(f, ft, true)) {
      for (Action b : firstAction(t, tt, false)) {
        g.order(a, b, flags);
      }
    }
    if (symmetrical) {
      String ift = invert(tt);
      String itt = invert(ft);
      if (ift == null || itt == null) {
        return;
      }
      int inv = 0;
      if ((flags & IMPLIES_THEN) != 0) {
        inv |= IMPLIES_FIRST;
      }
      if ((flags & RUNNABLE_LEFT) != 0) {
        inv |= Ordering.REQUIRED_RUNNABLE_LEFT;
      }
      for (Action a : firstAction(t, ift, true)) {
        for (Action b : firstAction(f, itt, false)) {
          g.order(a, b, inv);
        }
      }
    }
  }

  /**
   * An interleaved clone waits only for the instance of the other clone on its own node; an
   * instance with no such partner there cannot run.
   */
  private void interleave(
      CloneRsc fc, String ft, CloneRsc tc, String tt, int flags, boolean symmetrical) {
    for (Rsc ti : tc.instances) {
      ClusterNode n = ti.allocated;
      if (n != null) {
        Rsc fi = instanceOn(fc, n, true);
        List<Action> thens = firstAction(ti, tt, false);
        if (fi == null) {
          if (tt.equals("start") && (flags & RUNNABLE_LEFT) != 0) {
            for (Primitive p : ti.primitives()) {
              // Pacemaker unassigns such an instance: not started, nothing shown for it.
              p.inhibited = !p.isActive();
            }
            for (Action b : thens) {
              b.runnable = false;
              b.blockedBy = null;
              b.stopIfBlocked = symmetrical;
              if (symmetrical) {
                for (Primitive p : ti.primitives()) {
                  Action stop = g.get(p, "stop", n);
                  if (stop != null) {
                    stop.optional = false;
                  }
                }
              }
            }
          }
        } else {
          for (Action a : firstAction(fi, ft, true)) {
            for (Action b : thens) {
              g.order(a, b, flags);
            }
          }
        }
      }
      if (!symmetrical) {
        continue;
      }
      String ift = invert(tt);
      String itt = invert(ft);
      if (ift == null || itt == null) {
        continue;
      }
      for (ClusterNode cur : ti.runningOn()) {
        Rsc fi = instanceOn(fc, cur, false);
        if (fi == null) {
          continue;
        }
        int inv = (flags & IMPLIES_THEN) != 0 ? IMPLIES_FIRST : 0;
        for (Action a : firstAction(ti, ift, true)) {
          for (Action b : firstAction(fi, itt, false)) {
            g.order(a, b, inv);
          }
        }
      }
    }
  }

  /** The id of the constraint being turned into orderings (names clone-min pseudo actions). */
  String orderId;

  /** Whether the constraint being turned into orderings needs all of first (require-all). */
  boolean requireAll = true;

  /**
   * clone-min: what comes after the clone may start once enough instances run, whichever they are;
   * a pseudo action counts them.
   */
  private void atLeast(CloneRsc fc, Rsc t, String tt, int flags, boolean symmetrical) {
    Action oom = g.pseudo(null, "clone-one-or-more:" + orderId);
    oom.minRunnable = Math.max(1, fc.cloneMin);
    for (Rsc fi : fc.instances) {
      for (Action a : firstAction(fi, "start", true)) {
        g.order(a, oom, ONE_OR_MORE);
      }
    }
    int fwd = RUNNABLE_LEFT | (symmetrical ? SYMMETRIC : 0);
    List<Rsc> thens = t instanceof CloneRsc tc ? tc.instances : List.of(t);
    for (Rsc ti : thens) {
      for (Action b : firstAction(ti, tt, false)) {
        g.order(oom, b, fwd);
      }
    }
    if (symmetrical) {
      for (Action a : firstAction(t, "stop", true)) {
        for (Action b : firstAction(fc, "stop", false)) {
          g.order(a, b, (flags & IMPLIES_THEN) != 0 ? IMPLIES_FIRST : 0);
        }
      }
    }
  }

  /** Orders a set that needs only one of its members running before the next set. */
  void orderOneOrMore(
      String name, List<Rsc> firsts, String fa, List<Rsc> thens, String ta, int flags) {
    Action any = g.pseudo(null, name);
    for (Rsc f : firsts) {
      for (Action a : firstAction(f, fa, true)) {
        g.order(a, any, ONE_OR_MORE);
      }
    }
    for (Rsc t : thens) {
      for (Action b : firstAction(t, ta, false)) {
        g.order(any, b, flags & RUNNABLE_LEFT);
      }
    }
  }

  /** The instance of a clone placed on (or, for next=false, running on) a node. */
  private static Rsc instanceOn(CloneRsc cl, ClusterNode n, boolean next) {
    for (Rsc i : cl.instances) {
      if (next ? i.allocated == n : i.runningOn().contains(n)) {
        return i;
      }
    }
    return null;
  }

  static String invert(String task) {
    return switch (task) {
      case "start" -> "stop";
      case "stop" -> "start";
      case "promote" -> "demote";
      case "demote" -> "promote";
      default -> null;
    };
  }
}
