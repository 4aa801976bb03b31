package org.pacer.pengine.scheduler;

import static org.pacer.pengine.scheduler.Locations.ABSENT;

import java.util.ArrayList;
import java.util.List;
import org.pacer.pengine.model.Score;

/**
 * Assigns resources to nodes. Primaries are placed before their dependents; a primary's scores take
 * in its dependents' preferences (scaled by the colocation score) unless that would leave it
 * nowhere to run; ties go to the node with fewer resources, then by name.
 */
final class Placement {
  private final Cluster c;
  private final Utilization util;

  Placement(Cluster c) {
    this.c = c;
    this.util = new Utilization(c);
  }

  /** Stickiness, fail-count bans and not-installed bans, before anything is placed. */
  void prepare() {
    RemoteNodes.waitForReconnect(c);
    for (Primitive p : c.allPrimitives) {
      if (p.isRemoteConnection || p.isStonith() || p.guestNode != null && !p.bundlePart) {
        // Connections to remote and guest nodes, the holders of guests, and fencing devices run
        // on cluster nodes only (a bundle's containers may run on remote nodes).
        for (ClusterNode n : c.nodes) {
          if (n.kind != ClusterNode.Kind.MEMBER) {
            p.weights[n.index] = Score.MINUS_INFINITY;
          }
        }
      }
      for (ClusterNode n : p.active.keySet()) {
        if (p.managed && p.weights[n.index] != ABSENT && p.stickiness != 0) {
          p.weights[n.index] = Score.add(p.weights[n.index], p.stickiness);
        }
      }
      for (var e : p.failCounts.entrySet()) {
        if (p.migrationThreshold > 0 && !p.failureIgnored && e.getValue() >= p.migrationThreshold) {
          ban(p, e.getKey());
        }
      }
      for (Primitive.History h : p.history.values()) {
        if (h.notInstalled) {
          ban(p, h.node);
        }
        if (h.banEverywhere) {
          for (ClusterNode n : c.nodes) {
            ban(p, n);
          }
        }
      }
    }
  }

  private static void ban(Primitive p, ClusterNode n) {
    p.weights[n.index] = Score.MINUS_INFINITY;
    // An anonymous clone's instances are interchangeable: none may use the node.
    CloneRsc clone = p.cloneParent();
    if (clone != null && !clone.globallyUnique) {
      for (Primitive q : clone.primitives()) {
        if (q.def == p.def) {
          q.weights[n.index] = Score.MINUS_INFINITY;
        }
      }
    }
  }

  void allocateAll() {
    List<Rsc> order = new ArrayList<>(c.resources);
    java.util.Map<Rsc, int[]> merged = new java.util.HashMap<>();
    for (Rsc r : order) {
      merged.put(r, mergeForward(r));
    }
    nodeOrder = new ArrayList<>(c.nodes);
    nodeOrder.sort(
        (x, y) -> {
          int cap = util.compare(x, y);
          return cap != 0 ? cap : Integer.compare(x.index, y.index);
        });
    order.sort((a, b) -> compareForAllocation(a, b, merged));
    // Connections to remote and guest nodes are placed first: what runs on those nodes
    // depends on where (and whether) the connection runs.
    List<Rsc> first = new ArrayList<>();
    for (Rsc r : order) {
      if (r instanceof Primitive p && (p.isRemoteConnection || p.guestNode != null)) {
        first.add(r);
      }
    }
    order.removeAll(first);
    order.addAll(0, first);
    if ("order".equals(System.getProperty("pe.debug", System.getenv("PACER_PE_DEBUG")))) {
      System.err.println("ORDER " + order);
    }
    // Bundle connections last: their containers may run on remote nodes coming up now.
    for (Rsc r : first) {
      if (!(r instanceof Primitive p && p.bundlePart)) {
        allocate(r);
      }
    }
    RemoteNodes.markComingUp(c);
    for (Rsc r : first) {
      allocate(r);
    }
    RemoteNodes.markComingUp(c);
    // A remote or guest node whose connection will not run cannot keep resources.
    for (ClusterNode n : c.nodes) {
      if (n.kind != ClusterNode.Kind.MEMBER
          && n.connection != null
          && n.connection.isRemoteConnection
          && n.connection.allocated == null
          && n.online
          && !Bundles.isReplicaNode(n)) {
        n.shutdown = true;
      }
    }
    for (Rsc r : order) {
      allocate(r);
    }
    if ("order".equals(System.getProperty("pe.debug", System.getenv("PACER_PE_DEBUG")))) {
      System.err.println("REALIZED " + String.join(" ", realized));
    }
  }

  /**
   * Which resource to place first. By priority only under the default placement strategy; with
   * capacities, also by the score where it runs now (higher first, not running counts as banned),
   * then by its scores across the nodes in placement order.
   */
  private int compareForAllocation(Rsc a, Rsc b, java.util.Map<Rsc, int[]> merged) {
    if (a.priority != b.priority) {
      return a.priority > b.priority ? -1 : 1;
    }
    if ("default".equals(c.placementStrategy)) {
      return 0;
    }
    int[] wa = merged.get(a);
    int[] wb = merged.get(b);
    ClusterNode ca = firstRunning(a);
    ClusterNode cb = firstRunning(b);
    int sa = ca == null ? Score.MINUS_INFINITY : currentScore(a, ca, wa);
    int sb = cb == null ? Score.MINUS_INFINITY : currentScore(b, cb, wb);
    if (sa != sb) {
      return sa > sb ? -1 : 1;
    }
    for (ClusterNode n : nodeOrder) {
      int x = wa[n.index] == ABSENT ? Score.MINUS_INFINITY : wa[n.index];
      int y = wb[n.index] == ABSENT ? Score.MINUS_INFINITY : wb[n.index];
      if (x != y) {
        return x > y ? -1 : 1;
      }
    }
    return 0;
  }

  private List<ClusterNode> nodeOrder = List.of();

  private int currentScore(Rsc r, ClusterNode n, int[] w) {
    int s = w[n.index] == ABSENT ? Score.MINUS_INFINITY : w[n.index];
    // A current node that can no longer run anything (standby, leaving) gives no head start.
    if (!n.canRunResources() || !util.fitsFresh(n, r)) {
      return Score.MINUS_INFINITY;
    }
    return s;
  }

  private static ClusterNode firstRunning(Rsc r) {
    List<ClusterNode> on = r.runningOn();
    return on.isEmpty() ? null : on.get(0);
  }

  /** A resource's scores with those of the resources it is colocated with folded in. */
  private int[] mergeForward(Rsc r) {
    Rsc base = r instanceof GroupRsc g && !g.members.isEmpty() ? g.members.get(0) : r;
    int[] w = base.weights.clone();
    if (r instanceof GroupRsc g) {
      for (Primitive m : g.members) {
        for (int i = 0; i < w.length; i++) {
          if (m.weights[i] != ABSENT && m.weights[i] <= Score.MINUS_INFINITY) {
            w[i] = Score.MINUS_INFINITY;
          }
        }
      }
    }
    for (Coloc k : base.dependentOf) {
      if (k.primary() == base || k.primary().parent == base.parent && base.parent != null) {
        continue;
      }
      w = mergeWeights(k.primary(), w, k.nodeAttribute(), (float) k.score() / Score.INFINITY, true);
    }
    return w;
  }

  /** Places a resource (and what it contains); returns its node or null. */
  ClusterNode allocate(Rsc r) {
    if (r instanceof Primitive p) {
      return allocatePrimitive(p);
    }
    if (r instanceof GroupRsc g) {
      ClusterNode first = null;
      for (Primitive m : g.members) {
        ClusterNode n = allocatePrimitive(m);
        if (m == g.members.get(0)) {
          first = n;
        }
      }
      g.provisional = false;
      g.allocated = first;
      return first;
    }
    return new ClonePlacement(c, this).allocate((CloneRsc) r);
  }

  final List<String> realized = new ArrayList<>();

  ClusterNode allocatePrimitive(Primitive p) {
    if (!p.provisional) {
      return p.allocated;
    }
    if (p.allocating) {
      return null;
    }
    p.allocating = true;
    CloneRsc clone = p.cloneParent();
    if (clone != null && clone.provisional && !clone.allocating) {
      allocate(clone);
      p.allocating = false;
      return p.allocated;
    }
    // Primaries of higher priority are placed first (stable: configuration order otherwise).
    List<Coloc> withs = new ArrayList<>(p.dependentOf);
    withs.sort((x, y) -> Integer.compare(y.primary().priority, x.primary().priority));
    for (Coloc k : withs) {
      if (k.dependentRole() != null || k.primaryRole() == Role.PROMOTED) {
        if (!(k.primary() instanceof CloneRsc)) {
          // Role-specific colocations between primitives only matter for promotion.
          continue;
        }
      }
      allocate(k.primary());
      applyColocation(p.weights, k);
    }
    if (!realized.contains(p.top().id)) {
      realized.add(p.top().id);
    }
    for (Coloc k : p.primaryOf) {
      if (!influences(k)) {
        continue;
      }
      p.weights =
          mergeWeights(
              k.dependent(),
              p.weights,
              k.nodeAttribute(),
              (float) k.score() / Score.INFINITY,
              true);
    }
    choose(p);
    p.allocating = false;
    return p.allocated;
  }

  static boolean influences(Coloc k) {
    return k.influence() || !k.primary().isActive();
  }

  /** Restricts or shifts a dependent's scores by where its primary was placed. */
  void applyColocation(int[] w, Coloc k) {
    Rsc prim = k.primary();
    boolean cloneToClone = k.dependent() instanceof CloneRsc || k.dependent().cloneParent() != null;
    List<ClusterNode> primNodes = primaryNodes(prim, k.primaryRole(), cloneToClone ? k.score() : 0);
    if (primNodes == null) {
      return; // not decided: role colocations are applied later
    }
    int score = k.score();
    if (primNodes.isEmpty()) {
      if (score >= Score.INFINITY) {
        for (int i = 0; i < w.length; i++) {
          w[i] = w[i] == ABSENT ? ABSENT : Score.MINUS_INFINITY;
        }
      }
      return;
    }
    for (ClusterNode n : c.nodes) {
      if (w[n.index] == ABSENT) {
        continue;
      }
      boolean same = sameAsAny(n, primNodes, k.nodeAttribute());
      if (score >= Score.INFINITY) {
        if (!same) {
          w[n.index] = Score.MINUS_INFINITY;
        }
      } else if (score <= Score.MINUS_INFINITY) {
        if (same) {
          w[n.index] = Score.MINUS_INFINITY;
        }
      } else if (same) {
        w[n.index] = Score.add(w[n.index], score);
      }
    }
  }

  /** Where the primary (in the role asked for) will run; null while undecided. */
  List<ClusterNode> primaryNodes(Rsc prim, Role role) {
    return primaryNodes(prim, role, 0);
  }

  /**
   * Where the primary (in the role asked for) will run. For a clone of groups, a mandatory
   * colocation needs the whole group there (its last member), an advisory one any of it.
   */
  List<ClusterNode> primaryNodes(Rsc prim, Role role, int score) {
    List<ClusterNode> out = new ArrayList<>();
    if (prim instanceof CloneRsc cl) {
      for (Rsc inst : cl.instances) {
        ClusterNode where = inst.allocated;
        if (inst instanceof GroupRsc g && !g.members.isEmpty()) {
          where =
              score >= Score.INFINITY
                  ? g.members.get(g.members.size() - 1).allocated
                  : g.members.get(0).allocated;
        }
        if (where != null && (role == null || inst.nextRole == role)) {
          if (!out.contains(where)) {
            out.add(where);
          }
        }
      }
      return out;
    }
    if (prim.allocated != null && (role == null || prim.nextRole == role)) {
      out.add(prim.allocated);
    }
    return out;
  }

  boolean sameAsAny(ClusterNode n, List<ClusterNode> others, String attr) {
    for (ClusterNode o : others) {
      if (same(n, o, attr)) {
        return true;
      }
    }
    return false;
  }

  static boolean same(ClusterNode a, ClusterNode b, String attr) {
    if (attr == null || attr.equals("#uname")) {
      return a == b;
    }
    String x = a.attributes.get(attr);
    return x != null && x.equals(b.attributes.get(attr));
  }

  /**
   * Adds a dependent's preferences, scaled by factor, to a primary's scores; then the dependent's
   * own dependents. When rollback is set and no node would be left, the scores are returned
   * unchanged.
   */
  int[] mergeWeights(Rsc dep, int[] nodes, String attr, float factor, boolean rollback) {
    if (dep.merging) {
      return nodes;
    }
    dep.merging = true;
    int[] work = nodes.clone();
    int[] depWeights = dep.weights;
    for (ClusterNode n : c.nodes) {
      if (work[n.index] == ABSENT) {
        continue;
      }
      int best = ABSENT;
      for (ClusterNode o : c.nodes) {
        if (same(n, o, attr) && depWeights[o.index] != ABSENT) {
          best = best == ABSENT ? depWeights[o.index] : Math.max(best, depWeights[o.index]);
        }
      }
      if (best == ABSENT) {
        continue;
      }
      if (factor < 0 && best < 0) {
        continue;
      }
      int scaled;
      if (best >= Score.INFINITY || best <= Score.MINUS_INFINITY) {
        scaled = Math.abs(factor) >= 1 ? (int) Math.signum(factor) * best : (int) (factor * best);
      } else {
        scaled = (int) (factor * best);
      }
      work[n.index] = Score.add(work[n.index], scaled);
    }
    if (canRunAny(work)) {
      int sign = factor < 0 ? -1 : 1;
      for (Coloc k : dep.primaryOf) {
        if (!influences(k)) {
          continue;
        }
        work =
            mergeWeights(
                k.dependent(),
                work,
                k.nodeAttribute(),
                sign * (float) k.score() / Score.INFINITY,
                true);
      }
    } else if (rollback) {
      dep.merging = false;
      return nodes;
    }
    dep.merging = false;
    return work;
  }

  boolean canRunAny(int[] w) {
    for (ClusterNode n : c.nodes) {
      if (w[n.index] != ABSENT && w[n.index] >= 0 && n.canRunResources()) {
        return true;
      }
    }
    return false;
  }

  /** Picks the node for a primitive from its scores, honouring target-role and management. */
  void choose(Primitive p) {
    p.provisional = false;
    if (!p.managed) {
      p.allocated = p.current();
      p.nextRole = p.allocated == null ? Role.STOPPED : p.currentRole();
      if (p.allocated != null) {
        util.consume(p.allocated, p);
        count(p.allocated, p);
      }
      return;
    }
    for (ClusterNode n : p.active.keySet()) {
      if (n.unclean && !c.canFence(n)) {
        // Still active on a node nobody can fence: starting it elsewhere risks running twice.
        p.allocated = null;
        p.nextRole = Role.STOPPED;
        return;
      }
    }
    if (p.targetRole == Role.STOPPED || p.orphan) {
      p.allocated = null;
      p.nextRole = Role.STOPPED;
      return;
    }
    ClusterNode best = bestNode(p.weights, p.current(), p);
    ClusterNode target = p.partialTarget;
    if (best != null && target != null && target != best) {
      // A partial migration is finished where it was heading, if that is still allowed.
      int s = p.weights[target.index];
      if (s != ABSENT && s >= 0 && target.canRunResources() && util.fits(target, p)) {
        best = target;
      }
    }
    p.allocated = best;
    p.nextRole = best == null ? Role.STOPPED : Role.STARTED;
    if (best != null) {
      count(best, p);
      util.consume(best, p);
    }
  }

  /** The best node by score, then load (or free capacity), then the current node, then name. */
  /** Counts a resource placed on a node, for spreading resources evenly. */
  void count(ClusterNode n, Primitive p) {
    n.assigned++;
  }

  /** Records a clone instance's member placed on a node: its load and its utilization. */
  void occupy(ClusterNode n, Primitive p) {
    count(n, p);
    util.consume(n, p);
  }

  /** Whether the resource being placed is sticky: then a tie keeps it where it is. */
  private boolean stickyChoice;

  ClusterNode bestNode(int[] w, ClusterNode current, Rsc r) {
    stickyChoice = r.stickiness > 0;
    ClusterNode best = null;
    for (ClusterNode n : c.nodes) {
      int s = w[n.index];
      if (s == ABSENT || s < 0 || !n.canRunResources() || !util.fits(n, r)) {
        continue;
      }
      if (best == null || better(n, best, w, current)) {
        best = n;
      }
    }
    return best;
  }

  private boolean better(ClusterNode a, ClusterNode b, int[] w, ClusterNode current) {
    int sa = w[a.index];
    int sb = w[b.index];
    if (sa != sb) {
      return sa > sb;
    }
    // On equal scores a resource stays where it runs; otherwise spread by load.
    if (stickyChoice && (a == current || b == current)) {
      return a == current;
    }
    int cap = util.compare(a, b);
    if (cap != 0) {
      return cap < 0;
    }
    if (!"minimal".equals(c.placementStrategy) && a.assigned != b.assigned) {
      return a.assigned < b.assigned;
    }
    if (a == current || b == current) {
      return a == current;
    }
    return a.index < b.index;
  }
}
