package org.pacer.pengine.scheduler;

import static org.pacer.pengine.scheduler.Locations.ABSENT;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pacer.pengine.model.Score;

/**
 * Places a clone's instances: instances already running stay where they are when that is still
 * their best node, the rest go to the best remaining nodes (at most clone-node-max per node,
 * clone-max in all); then a promotable clone picks which instances to promote.
 */
final class ClonePlacement {
  private final Cluster c;
  private final Placement placement;

  ClonePlacement(Cluster c, Placement placement) {
    this.c = c;
    this.placement = placement;
  }

  ClusterNode allocate(CloneRsc cl) {
    if (!cl.provisional || cl.allocating) {
      return null;
    }
    cl.allocating = true;
    for (Coloc k : cl.dependentOf) {
      placement.allocate(k.primary());
    }
    if (!placement.realized.contains(cl.top().id)) {
      placement.realized.add(cl.top().id);
    }
    for (Coloc k : cl.primaryOf) {
      if (!Placement.influences(k) || k.primaryRole() != null) {
        continue;
      }
      cl.weights =
          placement.mergeWeights(
              k.dependent(),
              cl.weights,
              k.nodeAttribute(),
              (float) k.score() / Score.INFINITY,
              true);
    }
    Map<Rsc, int[]> w = new HashMap<>();
    for (Rsc inst : cl.instances) {
      w.put(inst, instanceWeights(cl, inst));
    }
    Map<ClusterNode, Integer> perNode = new HashMap<>();
    int placed = 0;
    List<Rsc> pending = new ArrayList<>();
    // Pass 1: running instances keep their node when it is still their best.
    for (Rsc inst : cl.instances) {
      if (!inst.managed || isOrphan(inst) || inst.targetRole == Role.STOPPED) {
        pending.add(inst);
        continue;
      }
      List<ClusterNode> on = inst.runningOn();
      if (on.size() == 1 && placed < cl.cloneMax) {
        ClusterNode cur = on.get(0);
        int[] iw = w.get(inst);
        if (perNode.getOrDefault(cur, 0) < cl.cloneNodeMax
            && iw[cur.index] != ABSENT
            && iw[cur.index] >= 0) {
          ClusterNode best = placement.bestNode(limit(iw, perNode, cl), cur, inst);
          if (best == cur) {
            assign(inst, cur);
            perNode.merge(cur, 1, Integer::sum);
            placed++;
            continue;
          }
        }
      }
      pending.add(inst);
    }
    // Pass 2: the others, running ones first, in instance order.
    // Instances running where they still may run first, then those not running, and last
    // those whose node is going away: a fresh instance takes over rather than a moved one.
    List<Rsc> second = new ArrayList<>();
    List<Rsc> stranded = new ArrayList<>();
    for (Rsc inst : pending) {
      if (inst.isActive()) {
        if (!inst.runningOn().stream().allMatch(n -> n.unclean)) {
          second.add(inst);
        } else {
          stranded.add(inst);
        }
      }
    }
    for (Rsc inst : pending) {
      if (!inst.isActive()) {
        second.add(inst);
      }
    }
    second.addAll(stranded);
    for (Rsc inst : second) {
      if (!inst.managed) {
        keepUnmanaged(inst);
        continue;
      }
      if (isOrphan(inst) || inst.targetRole == Role.STOPPED || placed >= cl.cloneMax) {
        assign(inst, null);
        continue;
      }
      int[] iw = limit(w.get(inst), perNode, cl);
      ClusterNode cur = inst.runningOn().size() == 1 ? inst.runningOn().get(0) : null;
      ClusterNode best = placement.bestNode(iw, cur, inst);
      assign(inst, best);
      if (best != null) {
        perNode.merge(best, 1, Integer::sum);
        placed++;
      }
    }
    cl.provisional = false;
    cl.allocating = false;
    if (cl.promotable) {
      new Promotion(c, placement).decide(cl);
    }
    return null;
  }

  private static boolean isOrphan(Rsc inst) {
    for (Primitive p : inst.primitives()) {
      if (!p.orphan) {
        return false;
      }
    }
    return true;
  }

  private void keepUnmanaged(Rsc inst) {
    for (Primitive p : inst.primitives()) {
      placement.choose(p);
    }
    inst.provisional = false;
    inst.allocated = inst.primitives().get(0).allocated;
    inst.nextRole = inst.allocated == null ? Role.STOPPED : inst.currentRole();
  }

  private int[] limit(int[] w, Map<ClusterNode, Integer> perNode, CloneRsc cl) {
    int[] out = w.clone();
    for (var e : perNode.entrySet()) {
      if (e.getValue() >= cl.cloneNodeMax) {
        out[e.getKey().index] = ABSENT;
      }
    }
    return out;
  }

  /** The clone's scores plus what is particular to this instance: stickiness and bans. */
  private int[] instanceWeights(CloneRsc cl, Rsc inst) {
    // An instance goes by its own scores (the clone's location constraints, its stickiness
    // and bans); what the clone's dependents prefer only orders the clone's nodes.
    int[] w = inst.primitives().get(0).weights.clone();
    if (inst instanceof GroupRsc) {
      for (Primitive p : inst.primitives().subList(1, inst.primitives().size())) {
        for (ClusterNode n : c.nodes) {
          if (w[n.index] != ABSENT && p.weights[n.index] != ABSENT) {
            w[n.index] = Score.add(w[n.index], p.weights[n.index]);
          }
        }
      }
    }
    for (Coloc k : cl.dependentOf) {
      if (k.dependentRole() == null) {
        placement.applyColocation(w, k);
      }
    }
    return w;
  }

  private void assign(Rsc inst, ClusterNode node) {
    inst.provisional = false;
    inst.allocated = node;
    boolean promotable = inst.isPromotable();
    Role up = promotable ? Role.UNPROMOTED : Role.STARTED;
    inst.nextRole = node == null ? Role.STOPPED : up;
    boolean chainBroken = false;
    for (Primitive p : inst.primitives()) {
      p.provisional = false;
      boolean ok =
          node != null
              && !chainBroken
              && p.targetRole != Role.STOPPED
              && p.weights[node.index] != ABSENT
              && p.weights[node.index] > Score.MINUS_INFINITY;
      if (!ok) {
        chainBroken = true;
        p.allocated = null;
        p.nextRole = Role.STOPPED;
        continue;
      }
      p.allocated = node;
      p.nextRole = up;
      placement.occupy(node, p);
    }
  }
}
