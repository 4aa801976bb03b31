package org.pacer.pengine.scheduler;

import static org.pacer.pengine.scheduler.Locations.ABSENT;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pacer.pengine.model.Score;

/**
 * Chooses which instances of a promotable clone are promoted: each placed instance gets a promotion
 * score (the node's promotion attribute, role-specific location constraints and colocations), and
 * the best ones are promoted within promoted-max and promoted-node-max.
 */
final class Promotion {
  private final Cluster c;
  private final Placement placement;

  Promotion(Cluster c, Placement placement) {
    this.c = c;
    this.placement = placement;
  }

  void decide(CloneRsc cl) {
    List<Rsc> candidates = new ArrayList<>();
    Map<Rsc, Integer> score = new HashMap<>();
    Map<Coloc, int[]> promotedDependents = promotedDependents(cl);
    for (Rsc inst : cl.instances) {
      if (inst.allocated == null || inst.nextRole == Role.STOPPED) {
        continue;
      }
      Integer s = baseScore(cl, inst);
      ClusterNode n = inst.allocated;
      if (s != null) {
        // Where the clone prefers to run counts toward where it is promoted.
        int w = cl.weights[n.index];
        if (w != ABSENT) {
          s = Score.add(s, w);
        }
      }
      for (int[] loc : cl.promotedLocations) {
        if (loc[n.index] != ABSENT) {
          s = s == null ? loc[n.index] : Score.add(s, loc[n.index]);
        }
      }
      if (s == null) {
        continue;
      }
      for (Coloc k : cl.dependentOf) {
        if (k.dependentRole() == Role.UNPROMOTED && k.score() >= Score.INFINITY) {
          // The unpromoted instances belong with the primary: the one there stays unpromoted.
          List<ClusterNode> prim = placement.primaryNodes(k.primary(), k.primaryRole());
          if (prim != null && placement.sameAsAny(n, prim, k.nodeAttribute())) {
            s = Score.MINUS_INFINITY;
          }
          continue;
        }
        if (k.dependentRole() != Role.PROMOTED) {
          continue;
        }
        List<ClusterNode> prim = placement.primaryNodes(k.primary(), k.primaryRole());
        boolean same = prim != null && placement.sameAsAny(n, prim, k.nodeAttribute());
        if (k.score() >= Score.INFINITY && !same) {
          s = Score.MINUS_INFINITY;
        } else if (k.score() <= Score.MINUS_INFINITY && same) {
          s = Score.MINUS_INFINITY;
        } else if (same && k.score() > Score.MINUS_INFINITY && k.score() < Score.INFINITY) {
          s = Score.add(s, k.score());
        }
      }
      for (var e : promotedDependents.entrySet()) {
        int[] merged = e.getValue();
        // With room for several promoted instances, a dependent that cannot run somewhere does
        // not keep the primary from being promoted there: it follows one of the others.
        boolean ignoreBan = cl.promotedMax > 1 && merged[n.index] <= Score.MINUS_INFINITY;
        if (merged[n.index] != ABSENT && !ignoreBan) {
          s = Score.add(s, merged[n.index]);
        }
      }
      if (inst.currentRole() == Role.PROMOTED && inst.runningOn().contains(n)) {
        s = Score.add(s, 0);
      }
      score.put(inst, s);
      candidates.add(inst);
    }
    candidates.sort(
        Comparator.comparingInt((Rsc r) -> -score.get(r))
            .thenComparing(r -> r.currentRole() == Role.PROMOTED ? 0 : 1));
    int promoted = 0;
    Map<ClusterNode, Integer> perNode = new HashMap<>();
    boolean allowed = cl.targetRole != Role.UNPROMOTED;
    if (!c.haveQuorum && "demote".equals(c.noQuorumPolicy)) {
      allowed = false;
    }
    for (Rsc inst : candidates) {
      int s = score.get(inst);
      ClusterNode n = inst.allocated;
      if (!allowed
          || s < 0
          || promoted >= cl.promotedMax
          || perNode.getOrDefault(n, 0) >= cl.promotedNodeMax
          || inst.targetRole == Role.UNPROMOTED) {
        continue;
      }
      promoted++;
      perNode.merge(n, 1, Integer::sum);
      setRole(inst, Role.PROMOTED);
    }
  }

  /**
   * What each dependent colocated with the Promoted role adds to the promotion scores. A dependent
   * that can run on none of the nodes the instances are placed on adds nothing: like Pacemaker, its
   * preferences are rolled back rather than keep every instance from being promoted.
   */
  private Map<Coloc, int[]> promotedDependents(CloneRsc cl) {
    Map<Coloc, int[]> out = new java.util.LinkedHashMap<>();
    for (Coloc k : cl.primaryOf) {
      if (k.primaryRole() != Role.PROMOTED || !Placement.influences(k)) {
        continue;
      }
      int[] merged =
          placement.mergeWeights(
              k.dependent(), zero(), k.nodeAttribute(), (float) k.score() / Score.INFINITY, false);
      boolean anywhere = false;
      for (Rsc inst : cl.instances) {
        ClusterNode n = inst.allocated;
        if (n != null && merged[n.index] != ABSENT && merged[n.index] > Score.MINUS_INFINITY) {
          anywhere = true;
        }
      }
      if (anywhere) {
        out.put(k, merged);
      }
    }
    return out;
  }

  private int[] zero() {
    return new int[c.nodeCount()];
  }

  private static void setRole(Rsc inst, Role r) {
    inst.nextRole = r;
    for (Primitive p : inst.primitives()) {
      if (p.allocated != null) {
        p.nextRole = r;
      }
    }
  }

  /** The node's promotion attribute for this instance; null when the agent set none. */
  private Integer baseScore(CloneRsc cl, Rsc inst) {
    Primitive p = inst.primitives().get(0);
    ClusterNode n = Bundles.attributeNode(p, inst.allocated);
    // As Pacemaker: the name the instance was found under on its node (an anonymous clone's
    // history may carry another instance number than it has now), else its own id; then, for an
    // anonymous clone, the name without the instance number.
    Primitive.History h = p.history.get(inst.allocated);
    String name = h != null && h.lrmId != null ? h.lrmId : p.id;
    String v = n.attributes.get("master-" + name);
    if (v == null && !cl.globallyUnique) {
      v = n.attributes.get("master-" + p.def.id());
    }
    if (v == null) {
      return inst.currentRole() == Role.PROMOTED ? 0 : null;
    }
    return Score.parseOr(v, 0);
  }
}
