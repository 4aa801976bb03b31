package org.pacer.pengine.scheduler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.pacer.pengine.model.ClusterOption;
import org.pacer.pengine.model.LrmOp;
import org.pacer.pengine.model.LrmResource;
import org.pacer.pengine.model.NodeState;
import org.pacer.pengine.model.NvSet;
import org.pacer.pengine.model.OpDef;
import org.pacer.pengine.model.ResourceDef;
import org.pacer.pengine.model.Score;
import org.pacer.pengine.rules.CibTime;
import org.pacer.pengine.rules.RuleContext;

/**
 * Reads the operation history of every node: which resources run where in which role, what failed
 * and how the failure is handled, fail counts, expired failures, and orphans (resources with
 * history but no configuration).
 */
final class HistoryUnpacker {
  private final Cluster c;
  private final ResourceBuilder builder;
  private final long nowEpoch;

  HistoryUnpacker(Cluster c, ResourceBuilder builder) {
    this.c = c;
    this.builder = builder;
    this.nowEpoch = CibTime.epoch(c.now);
  }

  void unpack(Map<ClusterNode, NodeState> states) {
    // Cluster nodes first, in document order.
    for (NodeState s : c.cib.status()) {
      ClusterNode n = node(s);
      if (n != null && n.kind == ClusterNode.Kind.MEMBER) {
        unpackNode(n, s);
      }
    }
    // Remote and guest nodes are up while their connection runs, which the cluster nodes'
    // history has just told. Those whose connection (and holder) runs are read first, then the
    // others (clone instances found on them are numbered in that order).
    for (Primitive p : c.allPrimitives) {
      if (p.orphan && p.container == null && p.meta.get("container") != null) {
        p.container = c.rsc(p.meta.get("container"));
      }
    }
    MigrationHistory.apply(c, true);
    RemoteNodes.decide(c);
    List<NodeState> down = new ArrayList<>();
    for (NodeState s : c.cib.status()) {
      ClusterNode n = node(s);
      if (n != null && n.kind != ClusterNode.Kind.MEMBER) {
        if (connectionRuns(n)) {
          unpackNode(n, s);
        } else {
          down.add(s);
        }
      }
    }
    for (NodeState s : down) {
      unpackNode(node(s), s);
    }
    MigrationHistory.apply(c, false);
    RemoteNodes.settle(c);
    for (Primitive p : c.allPrimitives) {
      failCounts(p);
      applyOnFail(p);
      multiplyActive(p);
      for (ClusterNode n : p.active.keySet()) {
        if (n.maintenance) {
          p.managed = false; // a node in maintenance: leave what runs there alone
        }
      }
    }
    // Failures inside a container count against the container.
    for (Primitive p : c.allPrimitives) {
      if (p.container instanceof Primitive box) {
        for (var e : p.failCounts.entrySet()) {
          box.failCounts.merge(e.getKey(), e.getValue(), Score::add);
        }
      }
    }
  }

  private static boolean connectionRuns(ClusterNode n) {
    Primitive conn = n.connection;
    if (conn == null || !conn.isActive()) {
      return false;
    }
    return !(conn.container instanceof Primitive holder) || holder.isActive();
  }

  private void unpackNode(ClusterNode n, NodeState s) {
    if (!n.online && !n.unclean && !n.pending && !n.maintenance) {
      thoughtActive(n, s);
    }
    if (!n.online && !n.unclean && !n.pending && !n.maintenance) {
      // (A node in maintenance keeps what it ran: nobody stopped it, nobody may touch it.)
      // A cleanly stopped node runs nothing; its history is stale, but for shutdown locks.
      for (LrmResource lr : s.resources()) {
        if (lr.shutdownLock() > 0 && c.rsc(lr.id()) instanceof Primitive p) {
          ShutdownLocks.lockedByHistory(c, p, n, lr.shutdownLock(), nowEpoch);
        }
      }
      return;
    }
    for (LrmResource lr : s.resources()) {
      unpackResource(n, lr);
    }
  }

  /**
   * A cluster node that left with a managed resource still recorded running there (and not locked
   * to it by shutdown-lock): nobody knows it stopped, so with fencing on the node is fenced before
   * the resource runs anywhere else.
   */
  private void thoughtActive(ClusterNode n, NodeState s) {
    // (A guest is reset by recovering its holder, whether or not fencing is enabled.)
    if (!c.canFence(n)) {
      return;
    }
    for (LrmResource lr : s.resources()) {
      Primitive p = c.rsc(lr.id()) instanceof Primitive q ? q : cloneTemplate(lr.id());
      if (lr.shutdownLock() > 0 || p == null || !p.managed) {
        continue;
      }
      List<LrmOp> ops = new ArrayList<>(lr.ops());
      ops.sort(Comparator.comparingInt(o -> o.callId() < 0 ? Integer.MAX_VALUE : o.callId()));
      Primitive.History scratch = new Primitive.History(n);
      replay(p, scratch, ops);
      if (scratch.role.isActive()) {
        n.unclean = true;
        if (n.kind == ClusterNode.Kind.GUEST) {
          n.uncleanReason = "guest is unclean";
          n.remoteRequiresReset = true;
        } else if (n.kind == ClusterNode.Kind.REMOTE
            && n.connection != null
            && !n.connection.failed) {
          // Its connection may yet come up elsewhere, which shows what runs there.
          n.uncleanReason =
              p.id
                  + " is active there (fencing will be revoked if remote connection can be"
                  + " re-established elsewhere)";
          n.fencingRevocable = true;
        } else {
          n.uncleanReason = p.id + " is thought to be active there";
        }
        return;
      }
    }
  }

  /**
   * A primitive active on several nodes is stopped everywhere and (with the default policy) started
   * again on one: it is recovered like a failed resource.
   */
  private void multiplyActive(Primitive p) {
    // An instance of a globally-unique clone is one resource like a primitive; an anonymous
    // clone's copies on several nodes are its other instances.
    if (p.active.size() < 2 || (p.cloneParent() != null && !p.cloneParent().globallyUnique)) {
      return;
    }
    switch (p.multipleActive) {
      case "block" -> {
        // Nothing in it may be touched: for a group member, the whole group.
        List<Primitive> affected = p.parent instanceof GroupRsc g ? g.members : List.of(p);
        for (Primitive q : affected) {
          q.managed = false;
          q.blocked = true;
        }
      }
      case "stop_only" -> p.targetRole = Role.STOPPED;
      default -> {}
    }
    p.multiplyActive = true;
  }

  /** What a recorded failure asks for beyond a restart: fencing, blocking, stopping. */
  private void applyOnFail(Primitive p) {
    applyOnFailPolicies(p);
    // Fencing a node stops what failed there for sure: it is no longer a failure to recover.
    boolean failed = false;
    for (Primitive.History h : p.history.values()) {
      boolean settledByFencing =
          h.stopFailed && "block".equals(h.onFail) && h.node.unclean && c.canFence(h.node);
      if (h.failed && !settledByFencing) {
        failed = true;
      }
    }
    p.failed = failed;
  }

  private void applyOnFailPolicies(Primitive p) {
    for (Primitive.History h : p.history.values()) {
      if (!h.failed || h.onFail == null) {
        continue;
      }
      switch (h.onFail) {
        case "fence" -> {
          if (!h.stopFailed && h.node.kind == ClusterNode.Kind.GUEST && !h.node.unclean) {
            RemoteNodes.resetForFailure(h.node);
          } else if (c.stonithEnabled && h.stopFailed) {
            if (!h.node.unclean) {
              h.node.unclean = true;
              h.node.uncleanReason = p.id + " failed there";
            }
          } else if (h.stopFailed) {
            p.managed = false;
            p.blocked = true;
          }
        }
        case "block" -> {
          if (!(h.node.unclean && c.canFence(h.node))) {
            p.managed = false; // fencing the node will settle it; otherwise it stays put
            p.blocked = true;
          }
        }
        case "stop" -> p.targetRole = Role.STOPPED;
        case "standby" -> h.node.standby = true;
        case "demote" -> {
          // Recovered by demoting in place, and not promoted there again.
          h.failed = false;
          CloneRsc clone = p.cloneParent();
          if (clone != null) {
            int[] ban = new int[c.nodeCount()];
            java.util.Arrays.fill(ban, Locations.ABSENT);
            ban[h.node.index] = Score.MINUS_INFINITY;
            clone.promotedLocations.add(ban);
          }
        }
        default -> {
          if (h.stopFailed) {
            // A stop that failed without fencing cannot be retried safely.
            p.managed = false;
            p.blocked = true;
          }
        }
      }
    }
  }

  private ClusterNode node(NodeState s) {
    ClusterNode n = c.nodesById.get(s.id());
    return n != null ? n : c.nodesByName.get(s.uname());
  }

  private void unpackResource(ClusterNode n, LrmResource lr) {
    List<LrmOp> ops = new ArrayList<>(lr.ops());
    ops.sort(Comparator.comparingInt((LrmOp o) -> o.callId() < 0 ? Integer.MAX_VALUE : o.callId()));
    Rsc r = c.rsc(lr.id());
    Primitive p = null;
    if (r instanceof Primitive prim && prim.instance < 0) {
      p = prim;
    } else if (r instanceof Primitive prim
        && prim.cloneParent() != null
        && prim.cloneParent().globallyUnique) {
      p = prim;
    }
    Primitive.History scratch = new Primitive.History(n);
    Primitive template = p;
    if (p == null) {
      template = cloneTemplate(lr.id());
    }
    replay(template, scratch, ops);
    if (p == null && template != null) {
      p = pickInstance(template, lr.id(), n, scratch);
      if (p == null) {
        return; // inactive history of an instance with nowhere to keep it
      }
    }
    if (p == null) {
      p = orphan(lr);
      if (p == null) {
        return;
      }
    }
    if (p.cloneParent() == null) {
      p.migrationOps.put(n, ops);
    }
    Primitive.History h = p.history(n);
    boolean takesOver = scratch.role.isActive() && !h.role.isActive();
    if (h.lastCallId < 0 || scratch.lastCallId >= h.lastCallId || takesOver) {
      copy(scratch, h);
      h.lrmId = lr.id();
    }
    if (lr.cls() != null && lr.type() != null && !p.orphan) {
      h.agentChanged =
          !lr.cls().equals(p.cls)
              || !lr.type().equals(p.type)
              || !java.util.Objects.equals(emptyToNull(lr.provider()), emptyToNull(p.provider));
    }
    if (h.role.isActive()) {
      p.active.put(n, h.role);
    }
    if (h.failed) {
      p.failed = true;
    }
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** For an anonymous clone child named by its base id, any instance shows the config. */
  private Primitive cloneTemplate(String lrmId) {
    String base = lrmId;
    int colon = base.lastIndexOf(':');
    if (colon > 0) {
      base = base.substring(0, colon);
    }
    for (Primitive p : c.allPrimitives) {
      if (p.instance >= 0 && p.def.id().equals(base)) {
        return p;
      }
    }
    for (Rsc r : c.resources) {
      if (r instanceof CloneRsc cl && containsDef(cl.childDef, base)) {
        // clone-max is 0: history still names instances, which become orphans.
        for (Primitive p : orphanInstance(cl).primitives()) {
          if (p.def.id().equals(base)) {
            return p;
          }
        }
      }
    }
    return null;
  }

  private static boolean containsDef(org.pacer.pengine.model.ResourceDef d, String id) {
    if (d.id().equals(id)) {
      return true;
    }
    return d instanceof org.pacer.pengine.model.ResourceDef.Group g
        && g.children().stream().anyMatch(ch -> ch.id().equals(id));
  }

  /**
   * Maps history of an anonymous (or unknown unique) clone instance to an instance: an active one
   * takes the first instance not active anywhere yet; an inactive one attaches to the first
   * instance with no history here.
   */
  private Primitive pickInstance(
      Primitive template, String lrmId, ClusterNode n, Primitive.History h) {
    CloneRsc clone = template.cloneParent();
    Primitive inBundle = Bundles.instanceOn(clone, n);
    if (inBundle != null) {
      return inBundle;
    }
    if (clone.globallyUnique) {
      Rsc exact = c.rsc(lrmId);
      if (exact instanceof Primitive ep) {
        return ep;
      }
      if (!h.role.isActive() && !h.failed) {
        return null;
      }
      return instanceFor(clone, template, lrmId, orphanInstance(clone));
    }
    int memberIndex = template.parent instanceof GroupRsc g ? g.members.indexOf(template) : -1;
    boolean active = h.role.isActive() || h.failed;
    if (active) {
      // A group instance half-read on this node takes its remaining members here.
      for (Rsc inst : clone.instances) {
        Primitive p = member(inst, memberIndex);
        if (inst.runningOn().contains(n) && !p.active.containsKey(n)) {
          return p;
        }
      }
      // Anonymous instances are interchangeable: the first one not active anywhere.
      for (Rsc inst : clone.instances) {
        if (inst.runningOn().isEmpty() && !isOrphanInstance(inst)) {
          return member(inst, memberIndex);
        }
      }
      for (Rsc inst : clone.instances) {
        if (inst.runningOn().isEmpty()) {
          return member(inst, memberIndex);
        }
      }
      return member(orphanInstance(clone), memberIndex);
    }
    for (Rsc inst : clone.instances) {
      Primitive p = member(inst, memberIndex);
      if (!p.history.containsKey(n)) {
        return p;
      }
    }
    return null;
  }

  private static boolean isOrphanInstance(Rsc inst) {
    return inst.primitives().stream().allMatch(p -> p.orphan);
  }

  private static int suffix(String id) {
    int colon = id.lastIndexOf(':');
    if (colon < 0) {
      return -1;
    }
    try {
      return Integer.parseInt(id.substring(colon + 1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Primitive member(Rsc inst, int memberIndex) {
    return memberIndex < 0 ? (Primitive) inst : ((GroupRsc) inst).members.get(memberIndex);
  }

  private Primitive instanceFor(CloneRsc clone, Primitive template, String lrmId, Rsc inst) {
    return inst.primitives().get(0);
  }

  private Rsc orphanInstance(CloneRsc clone) {
    Rsc inst = builder.addInstance(clone, clone.instances.size());
    for (Primitive p : inst.primitives()) {
      p.orphan = true;
    }
    return inst;
  }

  private Primitive orphan(LrmResource lr) {
    if (lr.cls() == null || lr.type() == null) {
      return null;
    }
    // History of a resource no longer configured: it stays known so it can be stopped.
    Rsc existing = c.rsc(lr.id());
    if (existing instanceof Primitive ep) {
      return ep;
    }
    if (existing != null) {
      return null;
    }
    ResourceDef.Primitive def =
        new ResourceDef.Primitive(
            lr.id(),
            lr.cls(),
            lr.provider(),
            lr.type(),
            List.of(),
            List.of(),
            List.of(),
            List.of());
    Primitive p = (Primitive) builder.create(def, null, -1);
    p.orphan = true;
    if (lr.container() != null) {
      p.meta.put("container", lr.container()); // resolved once every orphan is known
    }
    p.managed = p.managed && c.options.bool(ClusterOption.STOP_ORPHAN_RESOURCES);
    c.resources.add(p);
    return p;
  }

  private static void copy(Primitive.History from, Primitive.History to) {
    to.role = from.role;
    to.failed = from.failed;
    to.stopFailed = from.stopFailed;
    to.pendingTask = from.pendingTask;
    to.onFail = from.onFail;
    to.monitors.clear();
    to.monitors.putAll(from.monitors);
    to.startDigest = from.startDigest;
    to.startPending = from.startPending;
    to.restartDigest = from.restartDigest;
    to.forceRestart = from.forceRestart;
    to.secureDigest = from.secureDigest;
    to.secureParams = from.secureParams;
    to.lastCallId = from.lastCallId;
    to.lastTask = from.lastTask;
    to.migratedTo = from.migratedTo;
    to.migratedFrom = from.migratedFrom;
    to.failedStartDigest = from.failedStartDigest;
    to.notInstalled = to.notInstalled || from.notInstalled;
    to.banEverywhere = to.banEverywhere || from.banEverywhere;
  }

  /** Plays the operations of one resource on one node in call order. */
  private void replay(Primitive p, Primitive.History h, List<LrmOp> ops) {
    boolean promotable = p != null && p.isPromotable();
    Role started = promotable ? Role.UNPROMOTED : Role.STARTED;
    for (LrmOp op : ops) {
      String task = op.operation();
      if (task.equals("notify") || task.equals("cancel") || task.equals("meta-data")) {
        continue;
      }
      h.lastCallId = Math.max(h.lastCallId, op.callId());
      if (op.status() == -1) {
        h.pendingTask = task;
        switch (task) {
          case "start" -> {
            h.role = started;
            h.startPending = true;
            h.startDigest = op.opDigest();
            h.restartDigest = op.restartDigest();
            h.forceRestart = op.forceRestart();
          }
          case "migrate_from" -> h.role = started;
          case "promote" -> h.role = Role.PROMOTED;
          default -> {}
        }
        continue;
      }
      if (op.status() == 1) {
        continue; // cancelled
      }
      h.lastTask = task;
      boolean probe = task.equals("monitor") && op.intervalMs() == 0;
      int rc = effectiveRc(p, op);
      if (rc == 190) {
        rc = 0; // degraded, but running
      } else if (rc == 191) {
        rc = 8; // degraded, but promoted
      }
      int expected = op.expectedRc();
      int status = op.status();
      if (status == 4 && rc == expected) {
        status = 0; // old controllers recorded expected results as errors
      }
      boolean ok = status == 0 && (rc == 0 || (rc == 8 && promotable) || (rc == 7 && probe));
      if (status == 0 && task.equals("monitor") && op.intervalMs() > 0 && expected >= 0) {
        // A recurring monitor succeeds when it finds what it was set up to expect (a
        // monitor of the Stopped role expects "not running").
        ok = rc == expected || (expected == 0 && rc == 8 && promotable);
      }
      if (status == 0 && probe && (rc == 7 || rc == 0 || rc == 8)) {
        ok = true;
      }
      if (ok) {
        h.pendingTask = null;
        switch (task) {
          case "monitor" -> {
            if (probe) {
              h.role = rc == 7 ? Role.STOPPED : rc == 8 ? Role.PROMOTED : started;
              if (rc == 7) {
                h.failed = false;
                h.monitors.clear();
              } else if (op.opDigest() != null) {
                // Found running: the parameters it was probed with stand in for a start's.
                h.startDigest = op.opDigest();
                h.restartDigest = op.restartDigest();
                h.forceRestart = op.forceRestart();
                h.secureDigest = op.secureDigest();
                h.secureParams = op.secureParams();
              }
            } else {
              if (rc == 8) {
                h.role = Role.PROMOTED;
              } else if (rc == 0 && !h.role.isActive()) {
                h.role = started;
              } else if (rc == 7) {
                // A monitor that expected "not running" and found it so: stopped.
                h.role = Role.STOPPED;
              }
              h.monitors.put(op.intervalMs(), op.opDigest());
            }
          }
          case "start" -> {
            h.role = started;
            h.failed = false;
            h.startPending = false;
            h.startDigest = op.opDigest();
            h.restartDigest = op.restartDigest();
            h.forceRestart = op.forceRestart();
            h.secureDigest = op.secureDigest();
            h.secureParams = op.secureParams();
          }
          case "stop" -> {
            h.role = Role.STOPPED;
            h.failed = false;
            h.stopFailed = false;
            h.monitors.clear();
            h.migratedTo = null;
          }
          case "promote" -> {
            h.role = Role.PROMOTED;
            h.failed = false;
          }
          case "demote" -> {
            h.role = Role.UNPROMOTED;
            h.failed = false;
          }
          case "migrate_to" -> {
            // It ran here to be migrated away; MigrationHistory decides where it is now.
            h.role = started;
            h.migratedTo = op.migrateTarget() == null ? null : c.node(op.migrateTarget());
          }
          case "migrate_from" -> {
            h.role = started;
            h.failed = false;
            h.migratedFrom = op.migrateSource() == null ? null : c.node(op.migrateSource());
          }
          default -> {}
        }
        continue;
      }
      if (expired(p, op, h.node)) {
        continue;
      }
      failure(p, h, op, task, probe, started);
    }
  }

  /** The result code, with LSB status codes (1-3 "not running", 4 "unknown") mapped to OCF. */
  private static int effectiveRc(Primitive p, LrmOp op) {
    int rc = op.rc();
    if (p != null && "lsb".equals(p.cls) && op.operation().equals("monitor")) {
      return rc >= 1 && rc <= 3 ? 7 : rc == 4 ? 1 : rc;
    }
    return rc;
  }

  private boolean expired(Primitive p, LrmOp op, ClusterNode n) {
    if (p == null || p.failureTimeoutMs <= 0) {
      return false;
    }
    long last = Math.max(op.lastRcChange(), op.lastRun());
    return last > 0 && last * 1000 + p.failureTimeoutMs <= nowEpoch * 1000;
  }

  private void failure(
      Primitive p, Primitive.History h, LrmOp op, String task, boolean probe, Role started) {
    String onFail = onFail(p, task, op.intervalMs());
    // An agent the executor could not find at all is not something on-fail=ignore covers.
    boolean missing = op.status() == 7;
    if ("ignore".equals(onFail) && !missing) {
      if (p != null) {
        p.failureIgnored = true;
      }
      if (task.equals("start") || task.equals("monitor")) {
        h.role = h.role.isActive() ? h.role : started;
      }
      return;
    }
    int rc = effectiveRc(p, op);
    int st = op.status();
    if (probe && (rc == 5 || st == 7)) {
      h.notInstalled = true;
      h.role = Role.STOPPED;
      return;
    }
    // Hard errors mean the resource cannot run on this node (fatal ones: anywhere).
    if (rc == 2 || rc == 3 || rc == 4 || rc == 5 || rc == 6 || st == 5 || st == 6 || st == 7) {
      h.notInstalled = true;
      if (rc == 6 || st == 6) {
        h.banEverywhere = true;
      }
    }
    h.failed = true;
    h.onFail = onFail;
    if (task.equals("start")) {
      h.failedStartDigest = op.opDigest();
    }
    h.explicitOnFail = configuredOnFail(p, task, op.intervalMs()) != null;
    switch (task) {
      case "stop" -> {
        if ("restart-container".equals(onFail)) {
          h.role = Role.STOPPED; // the container's restart stops it for sure
        } else {
          h.stopFailed = true;
          if (!h.role.isActive()) {
            h.role = started;
          }
        }
      }
      case "start" -> {
        if (rc == 7) {
          // The start reported "not running": nothing runs here to recover.
          h.role = Role.STOPPED;
          h.failed = false;
        } else if (!h.role.isActive()) {
          h.role = started;
        }
      }
      case "promote" -> h.role = Role.PROMOTED;
      case "demote" -> h.role = Role.UNPROMOTED;
      case "migrate_to", "migrate_from" -> h.role = started;
      case "monitor" -> {
        if (rc == 8) {
          h.role = Role.PROMOTED;
        } else if (rc == 7 && !probe) {
          // Found not running: a failure, recovered by a restart (stop first to be sure).
          h.role = h.role.isActive() ? h.role : started;
        } else if (!h.role.isActive()) {
          h.role = started;
        }
      }
      default -> {}
    }
  }

  /** The on-fail for an operation: configured, else fence for stop (block without fencing). */
  String onFail(Primitive p, String task, long interval) {
    String v = configuredOnFail(p, task, interval);
    if (v == null) {
      if (p != null && p.container != null) {
        return "restart-container";
      }
      if (task.equals("stop")) {
        return c.stonithEnabled ? "fence" : "block";
      }
      return p != null && p.container != null ? "restart-container" : "restart";
    }
    return v;
  }

  /** The on-fail set on the operation or in op_defaults, or null. */
  private String configuredOnFail(Primitive p, String task, long interval) {
    String v = null;
    if (p != null) {
      for (OpDef o : p.ops) {
        if (task.equals(o.name()) && o.intervalMs() == interval) {
          v = o.attr("on-fail");
        }
      }
      if (v == null) {
        RuleContext ctx =
            c.ruleContext().withResource(p.cls, p.provider, p.type).withOperation(task, interval);
        v = NvSet.resolve(c.cib.opDefaults(), ctx).get("on-fail");
      }
    }
    return v;
  }

  /** Fail counts from node attributes, honouring failure-timeout. */
  private void failCounts(Primitive p) {
    String unique = p.id;
    String base = p.def.id();
    CloneRsc clone = p.cloneParent();
    String key = clone != null && clone.globallyUnique ? unique : base;
    for (ClusterNode n : c.nodes) {
      int count = 0;
      long last = 0;
      for (var e : n.attributes.entrySet()) {
        String name = e.getKey();
        if (matches(name, "fail-count-", key)) {
          count = Score.add(count, Score.parseOr(e.getValue(), 0));
        } else if (matches(name, "last-failure-", key)) {
          last = Math.max(last, parseLong(e.getValue()));
        }
      }
      if (count > 0
          && p.failureTimeoutMs > 0
          && last > 0
          && last * 1000 + p.failureTimeoutMs <= nowEpoch * 1000) {
        count = 0;
      }
      Primitive.History h = p.history.get(n);
      if (count > 0
          && h != null
          && h.failedStartDigest != null
          && !h.failedStartDigest.equals(Digest.of(Digest.startParams(p)))) {
        // The start failed with parameters since changed: the failures are cleared.
        count = 0;
      }
      if (count > 0) {
        p.failCounts.put(n, count);
        p.lastFailure.put(n, last);
      }
    }
  }

  private static boolean matches(String attr, String prefix, String id) {
    if (!attr.startsWith(prefix)) {
      return false;
    }
    String rest = attr.substring(prefix.length());
    return rest.equals(id) || rest.startsWith(id + "#");
  }

  private static long parseLong(String v) {
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
