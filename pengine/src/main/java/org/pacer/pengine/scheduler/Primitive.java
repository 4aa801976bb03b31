package org.pacer.pengine.scheduler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pacer.pengine.model.LrmOp;
import org.pacer.pengine.model.OpDef;
import org.pacer.pengine.model.ResourceDef;

/** A primitive resource (or one instance of a cloned primitive) during a scheduling run. */
final class Primitive extends Rsc {
  /** What the history says about this resource on one node. */
  static final class History {
    final ClusterNode node;
    Role role = Role.STOPPED;
    boolean failed;

    /** Failed in a way that only fencing the node (or blocking) can clear. */
    boolean stopFailed;

    String pendingTask;
    String onFail;

    /** Whether on-fail was configured rather than defaulted. */
    boolean explicitOnFail;

    /** Recurring monitors active here: interval → op digest. */
    final Map<Long, String> monitors = new LinkedHashMap<>();

    String startDigest;
    String restartDigest;
    String forceRestart;
    String secureDigest;
    String secureParams;
    int lastCallId = -1;
    String lastTask;

    /** migrate_to ran from here to this target, without a later migrate_from/stop. */
    ClusterNode migratedTo;

    ClusterNode migratedFrom;
    boolean notInstalled;
    boolean banEverywhere;
    boolean failedProbeExpired;

    /** The history was made by another agent (class, provider or type changed since). */
    boolean agentChanged;

    /** The last start is still in progress. */
    boolean startPending;

    /** The parameter digest of the last failed start here, or null. */
    String failedStartDigest;

    /** Thought active here only because a migration to here failed: restart it to be sure. */
    boolean restartNeeded;

    /** The id it was recorded under here (an anonymous clone's "rsc:N"), when copied from one. */
    String lrmId;

    History(ClusterNode node) {
      this.node = node;
    }
  }

  final ResourceDef.Primitive def;

  /** Made by a bundle (container, address, connection): its parameters are not ours to diff. */
  boolean bundlePart;

  final String cls;
  final String provider;
  final String type;
  Map<String, String> params = Map.of();
  List<OpDef> ops = List.of();
  final Map<ClusterNode, History> history = new LinkedHashMap<>();
  final Map<ClusterNode, Integer> failCounts = new LinkedHashMap<>();
  final Map<ClusterNode, Long> lastFailure = new LinkedHashMap<>();

  /** Nodes it is active on now, with its role there. */
  final Map<ClusterNode, Role> active = new LinkedHashMap<>();

  boolean failed;

  /** An interleaved clone instance with no partner on its node: it will not start there. */
  boolean inhibited;

  /**
   * A failure was recorded but on-fail=ignore says carry on: then migration-threshold is ignored
   * too, as Pacemaker does, and status shows "failure ignored".
   */
  boolean failureIgnored;

  boolean orphan;
  boolean blocked;

  /** Found active on more than one node. */
  boolean multiplyActive;

  boolean migrating;

  /** Every node's operations on it in call order, for {@link MigrationHistory} (non-clones). */
  final Map<ClusterNode, List<LrmOp>> migrationOps = new LinkedHashMap<>();

  boolean migrationSettled;

  /** The history leaves it active where a migration got to: it may not migrate from there. */
  boolean migrationUnsafe;

  /** Sources of a completed migration that were never stopped: they still need a stop. */
  final Set<ClusterNode> danglingSources = new LinkedHashSet<>();

  /** Where a partial migration (migrate_to done, migrate_from not yet) was heading. */
  ClusterNode partialTarget;

  boolean reload;
  String migrationBlockedBy;
  int instance = -1;
  String requires = "quorum";
  boolean isRemoteConnection;

  /** shutdown-lock: the node this resource stays locked to, or null. */
  ClusterNode lockedTo;

  /** The resource this one runs inside (meta "container"), if any. */
  Rsc container;

  ClusterNode guestNode;

  /** Digest of the parameters this run would start the resource with. */
  Map<String, String> utilization = Map.of();

  Primitive(String id, ResourceDef.Primitive def) {
    super(id);
    this.def = def;
    this.cls = def.cls();
    this.provider = def.provider();
    this.type = def.type();
  }

  String agent() {
    return def.agent();
  }

  boolean isStonith() {
    return "stonith".equals(cls);
  }

  History history(ClusterNode n) {
    return history.computeIfAbsent(n, History::new);
  }

  @Override
  List<Primitive> primitives() {
    return List.of(this);
  }

  @Override
  List<Rsc> children() {
    return List.of();
  }

  @Override
  boolean isActive() {
    return !active.isEmpty();
  }

  @Override
  Role currentRole() {
    Role r = Role.STOPPED;
    for (Role x : active.values()) {
      if (x.ordinal() > r.ordinal()) {
        r = x;
      }
    }
    return r;
  }

  @Override
  List<ClusterNode> runningOn() {
    return new ArrayList<>(active.keySet());
  }

  /** The node it runs on, or null: the first when active on several. */
  ClusterNode current() {
    return active.isEmpty() ? null : active.keySet().iterator().next();
  }

  int failCount(ClusterNode n) {
    return failCounts.getOrDefault(n, 0);
  }
}
