package org.pacer.crmd.controller;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pacer.crmd.attrs.AttributeStore;
import org.pacer.crmd.cib.CibUpdate;
import org.pacer.crmd.graph.ActionKind;
import org.pacer.crmd.graph.GraphAction;
import org.pacer.crmd.graph.GraphFormatException;
import org.pacer.crmd.graph.GraphParser;
import org.pacer.crmd.graph.TransitionGraph;
import org.pacer.crmd.history.LocalHistory;
import org.pacer.crmd.history.OpRecord;
import org.pacer.crmd.history.OpStatus;
import org.pacer.crmd.history.TransitionKey;
import org.pacer.crmd.message.CrmdMessage;
import org.pacer.crmd.message.CrmdMessage.ActionResult;
import org.pacer.crmd.message.CrmdMessage.JoinRequest;
import org.pacer.crmd.transition.RunnerStep;
import org.pacer.crmd.transition.TransitionOutcome;
import org.pacer.crmd.transition.TransitionRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the DC does on top of being a member, for one view: join every member (record its node state
 * and operation history in the status section), then keep asking the scheduler for a graph after
 * every relevant change and run it; write node attributes to the CIB (with dampening); record
 * fencing.
 *
 * <p>The election result is the join offer: every member answers it with a {@link JoinRequest}
 * carrying its executor's history, so joining costs one message per member.
 */
final class DcRole {

  private static final Logger log = LoggerFactory.getLogger(DcRole.class);

  /** Pacemaker's default operation timeout, for a graph action that names none. */
  static final long DEFAULT_OP_TIMEOUT_MS = 20_000;

  /** The longest wait between retries of a transition that keeps failing. */
  static final long MAX_RETRY_MS = 60_000;

  private final Controller c;
  private final long viewId;
  private final Map<String, JoinRequest> joins = new LinkedHashMap<>();
  private final Map<String, LocalHistory> cluster = new HashMap<>();
  private boolean joinComplete;
  private boolean suspended;

  private TransitionRunner runner;
  private int failedStreak;
  private long graphRequestId;
  private boolean graphOutstanding;
  private boolean graphDirty;
  private int requestedTransitionId;

  boolean heldForQuorum() {
    return heldForQuorum;
  }

  private final Map<String, Integer> fencingActions = new HashMap<>();

  /**
   * Nodes this role recorded as fenced and not seen join since: the fencer's reply to the DC and
   * its notification to every controller report the same fencing, recorded once.
   */
  private final Set<String> recordedDown = new HashSet<>();

  private final AttributeWriter attributes;

  DcRole(Controller controller) {
    this.c = controller;
    this.viewId = controller.viewId();
    this.attributes = new AttributeWriter(controller);
  }

  void start() {
    c.emit(
        new Effect.UpdateCib(
            new CibUpdate.CibAttributes(
                Map.of("dc-uuid", c.self().id(), "have-quorum", c.quorate() ? "1" : "0"))));
    c.emit(new Effect.SetTimer(new TimerKey.JoinTimeout(viewId), c.options().joinTimeoutMs()));
    c.emit(new Effect.UpdateCib(new CibUpdate.ClusterOption("dc-version", DC_VERSION)));
    c.emit(new Effect.UpdateCib(new CibUpdate.ClusterOption("cluster-infrastructure", "corosync")));
  }

  /** What the DC records as dc-version (crm_mon shows it). */
  static final String DC_VERSION = "2.1.5-pacer";

  /** The view changed: this role ends; in-flight actions report to whoever is DC next. */
  void suspend() {
    suspended = true;
    c.emit(new Effect.CancelTimer(new TimerKey.JoinTimeout(viewId)));
    attributes.cancelTimers();
    if (runner != null && !runner.isComplete()) {
      for (GraphAction a : runner.graph().actions()) {
        c.emit(new Effect.CancelTimer(new TimerKey.ActionTimeout(runner.transitionId(), a.id())));
      }
    }
    c.emit(new Effect.CancelTimer(new TimerKey.Recheck()));
  }

  // ---- join ----

  void onJoinRequest(JoinRequest r) {
    if (suspended || r.viewId() != viewId || !c.memberNames().contains(r.node())) {
      return;
    }
    joins.put(r.node(), r);
    r.peers().forEach(c::notePeer);
    LocalHistory h = new LocalHistory(r.history());
    cluster.put(r.node(), h);
    if (joinComplete) {
      // A member that answered after the join timeout joins now.
      writeMember(r);
      c.emit(
          new Effect.Broadcast(
              new CrmdMessage.JoinConfirm(viewId, c.self().name(), Map.copyOf(c.peers()))));
      requestTransition("late join of " + r.node());
    } else if (joins.keySet().containsAll(c.memberNames())) {
      completeJoin();
    }
  }

  private void completeJoin() {
    joinComplete = true;
    c.emit(new Effect.CancelTimer(new TimerKey.JoinTimeout(viewId)));
    for (String node : c.configuredNodes()) {
      JoinRequest r = joins.get(node);
      if (r != null) {
        writeMember(r);
      } else if (c.memberNames().contains(node)) {
        nodeState(node, Map.of("in_ccm", "true", "crmd", "online", "join", "pending"));
      } else {
        absent(node);
      }
    }
    attributes.rewriteAll();
    c.emit(
        new Effect.Broadcast(
            new CrmdMessage.JoinConfirm(viewId, c.self().name(), Map.copyOf(c.peers()))));
    log.info("view {}: joined {}", viewId, joins.keySet());
    requestTransition("join complete");
  }

  /**
   * A configured node outside the view. What the members remember decides whether it is unclean
   * (seen as a member since it was last confirmed down: it may run resources) or cleanly down; this
   * copy of the CIB may be older than what other partitions did, so it does not decide.
   */
  private void absent(String node) {
    CrmdMessage.PeerSeen seen = c.peers().get(node);
    if (seen != null && seen.unclean()) {
      nodeState(
          node, Map.of("in_ccm", "false", "crmd", "offline", "join", "down", "expected", "member"));
    } else if (seen != null && seen.lastDownEpoch() >= 0) {
      nodeState(
          node, Map.of("in_ccm", "false", "crmd", "offline", "join", "down", "expected", "down"));
      c.emit(new Effect.UpdateCib(new CibUpdate.LrmErase(c.nodeId(node), node)));
    } else {
      c.emit(
          new Effect.UpdateCib(
              new CibUpdate.NodeState(
                  c.nodeId(node),
                  node,
                  Map.of("in_ccm", "false", "crmd", "offline", "join", "down"),
                  false)));
    }
  }

  private void writeMember(JoinRequest r) {
    recordedDown.remove(r.node());
    c.emit(new Effect.UpdateCib(new CibUpdate.NodeEntry(r.nodeId(), r.node())));
    nodeState(
        r.node(),
        Map.of("in_ccm", "true", "crmd", "online", "join", "member", "expected", "member"));
    // The join request's history plus every result the member reported after sending it.
    c.emit(
        new Effect.UpdateCib(
            new CibUpdate.LrmReplace(r.nodeId(), r.node(), cluster.get(r.node()).snapshot())));
  }

  private void nodeState(String node, Map<String, String> attrs) {
    c.emit(new Effect.UpdateCib(new CibUpdate.NodeState(c.nodeId(node), node, attrs)));
  }

  /** A transition was wanted while the view's quorum was unknown. */
  private boolean heldForQuorum;

  void quorumChanged() {
    heldForQuorum = false;
    c.emit(
        new Effect.UpdateCib(
            new CibUpdate.CibAttributes(Map.of("have-quorum", c.quorate() ? "1" : "0"))));
    requestTransition("quorum " + (c.quorate() ? "gained" : "lost"));
  }

  // ---- transitions ----

  void requestTransition(String reason) {
    if (suspended || !joinComplete) {
      return;
    }
    long wait = startupWait();
    if (wait > 0 && runner == null && !graphOutstanding) {
      // A node nobody has seen may be booting: give it a moment to join before the scheduler
      // decides it is unclean (startup fencing) or places everything without it.
      if (!startupWaitLogged) {
        startupWaitLogged = true;
        log.info("first transition in {} ms: waiting for {} to appear", wait, neverSeen());
      }
      c.emit(new Effect.SetTimer(new TimerKey.Recheck(), wait));
      return;
    }
    if (runner != null && !runner.isComplete()) {
      log.debug("aborting transition {}: {}", runner.transitionId(), reason);
      apply(runner.abort(reason));
    } else if (graphOutstanding) {
      graphDirty = true;
    } else {
      computeGraph(reason);
    }
  }

  private boolean startupWaitLogged;

  private List<String> neverSeen() {
    List<String> out = new ArrayList<>();
    for (String node : c.configuredNodes()) {
      if (!c.peers().containsKey(node)) {
        out.add(node);
      }
    }
    return out;
  }

  private long startupWait() {
    // From the controller's start, not this role's: a DC of a cluster started one node at a time
    // would otherwise hold every view's first transition while one node is yet to come.
    long left = c.startedAt() + c.options().startupWaitMs() - c.now();
    if (left <= 0) {
      return 0;
    }
    return neverSeen().isEmpty() ? 0 : left;
  }

  private void computeGraph(String reason) {
    if (!c.quorumKnown()) {
      // The view changed and its quorum has not arrived yet: the last quorum belongs to another
      // membership (a partition of one once fenced the rest with the quorum of three).
      log.debug("transition held until the quorum of this view is known: {}", reason);
      heldForQuorum = true;
      return;
    }
    graphRequestId = c.nextGraphRequestId();
    graphOutstanding = true;
    graphDirty = false;
    requestedTransitionId = c.nextTransitionId();
    log.debug("asking the scheduler for transition {}: {}", requestedTransitionId, reason);
    c.emit(new Effect.ComputeGraph(graphRequestId, requestedTransitionId));
  }

  void onGraph(long requestId, String xml, String failure) {
    if (suspended || requestId != graphRequestId || !graphOutstanding) {
      return;
    }
    graphOutstanding = false;
    if (graphDirty) {
      computeGraph("changes during scheduling");
      return;
    }
    if (failure != null) {
      log.error("the scheduler failed: {}; asking again shortly", failure);
      c.emit(new Effect.SetTimer(new TimerKey.Recheck(), c.options().retryMs()));
      return;
    }
    TransitionGraph parsed;
    try {
      parsed = GraphParser.parse(xml);
    } catch (GraphFormatException e) {
      log.error(
          "transition {}: unusable graph from the scheduler: {}",
          requestedTransitionId,
          e.getMessage());
      c.emit(new Effect.TransitionEnded(requestedTransitionId, "INVALID", e.getMessage()));
      c.emit(new Effect.SetTimer(new TimerKey.Recheck(), c.options().retryMs()));
      return;
    }
    // Our numbering, not the scheduler's, goes into transition keys: it only grows on this DC.
    TransitionGraph graph =
        new TransitionGraph(
            requestedTransitionId,
            parsed.clusterDelayMs(),
            parsed.stonithTimeoutMs(),
            parsed.batchLimit(),
            parsed.migrationLimit(),
            parsed.recheckBy(),
            parsed.synapses());
    runner = new TransitionRunner(graph, c.options().nodeActionLimit());
    if (graph.recheckBy() > 0) {
      long delay = Math.max(0, graph.recheckBy() * 1000 - c.now());
      c.emit(new Effect.SetTimer(new TimerKey.Recheck(), delay));
    }
    apply(runner.start());
  }

  private void apply(List<RunnerStep> steps) {
    int tid = runner.transitionId();
    for (RunnerStep step : steps) {
      if (step instanceof RunnerStep.Dispatch d) {
        dispatch(d.action());
      } else if (step instanceof RunnerStep.ArmTimer t) {
        c.emit(new Effect.SetTimer(new TimerKey.ActionTimeout(tid, t.actionId()), t.delayMs()));
      } else if (step instanceof RunnerStep.DisarmTimer t) {
        c.emit(new Effect.CancelTimer(new TimerKey.ActionTimeout(tid, t.actionId())));
      } else if (step instanceof RunnerStep.Complete done) {
        c.emit(new Effect.TransitionEnded(tid, done.outcome().name(), done.reason()));
        log.info("transition {} ended: {} ({})", tid, done.outcome(), done.reason());
        if (done.outcome() != TransitionOutcome.DONE) {
          retryAfterFailure(tid, done);
        } else {
          failedStreak = 0;
          scheduleRecheck();
        }
      }
    }
  }

  /**
   * A transition that ended because an action failed is recomputed at once the first times; when
   * the same failure keeps coming back (a fencing device that cannot work, a node that cannot be
   * reached), the next try waits longer each time, up to a minute, instead of spinning.
   */
  private void retryAfterFailure(int tid, RunnerStep.Complete done) {
    if (!runner.hasFailedAction()) {
      computeGraph("transition " + tid + " " + done.outcome() + ": " + done.reason());
      return;
    }
    failedStreak++;
    if (failedStreak <= 2) {
      computeGraph("transition " + tid + " " + done.outcome() + ": " + done.reason());
      return;
    }
    long delay = Math.min(MAX_RETRY_MS, c.options().retryMs() << Math.min(10, failedStreak - 3));
    log.warn(
        "{} failed transitions in a row; asking the scheduler again in {} ms", failedStreak, delay);
    c.emit(new Effect.SetTimer(new TimerKey.Recheck(), delay));
  }

  /**
   * cluster-recheck-interval: with nothing happening for a while, time-based rules and failure
   * timeouts still need the scheduler now and then (sooner when the graph asked, by recheck-by).
   */
  private void scheduleRecheck() {
    long interval = c.options().recheckIntervalMs();
    long by = runner.graph().recheckBy();
    if (interval > 0 && (by == 0 || by * 1000 - c.now() > interval)) {
      c.emit(new Effect.SetTimer(new TimerKey.Recheck(), interval));
    }
  }

  private void dispatch(GraphAction a) {
    int tid = runner.transitionId();
    String key = new TransitionKey(a.id(), tid, a.targetRc(), c.self().id()).toString();
    switch (a.kind()) {
      case RSC_OP -> {
        String node = a.executingNode();
        if (!c.memberNames().contains(node)) {
          apply(runner.fail(a.id(), "node " + node + " is not a member"));
          return;
        }
        sendToNode(node, a, a.operation(), key);
      }
      case CRM_EVENT -> crmEvent(a, key);
      case PSEUDO_EVENT -> {
        // Pseudo events never reach dispatch: the runner completes them itself.
      }
    }
  }

  private void sendToNode(String node, GraphAction a, String operation, String key) {
    c.emit(
        new Effect.Broadcast(
            new CrmdMessage.ExecuteAction(
                viewId,
                c.self().name(),
                node,
                a.resource(),
                operation,
                a.intervalMs(),
                a.timeoutMs() > 0 ? a.timeoutMs() : DEFAULT_OP_TIMEOUT_MS,
                a.attributes(),
                key)));
  }

  private void crmEvent(GraphAction a, String key) {
    String target = a.onNode();
    switch (a.operation()) {
      case "stonith" -> {
        if (!c.quorate() && !c.memberNames().contains(target)) {
          apply(
              runner.fail(
                  a.id(), "this partition has no quorum: it never fences a node outside it"));
          return;
        }
        String action = a.meta("stonith_action") == null ? "reboot" : a.meta("stonith_action");
        fencingActions.put(target, a.id());
        log.warn("fencing {} ({})", target, action);
        c.emit(new Effect.Fence(target, action, runner.graph().stonithTimeoutMs()));
      }
      case "do_shutdown" -> {
        // Its resources are stopped (the graph ordered this after them): when it leaves, it is
        // down cleanly, not lost. Recorded before it goes, so no DC fences it for leaving.
        nodeState(target, Map.of("expected", "down"));
        c.emit(new Effect.Broadcast(new CrmdMessage.NodeDown(c.epoch(), target)));
        c.emit(new Effect.Broadcast(new CrmdMessage.Shutdown(viewId, c.self().name(), target)));
        if (!a.noWait()) {
          apply(runner.confirm(a.id()));
        }
      }
      case "clear_failcount" -> {
        if (a.resource() != null) {
          attributes.clearFailCounts(target, a.resource().id());
        }
        if (!a.noWait()) {
          apply(runner.confirm(a.id()));
        }
      }
      case "lrm_delete" -> {
        if (a.resource() != null && c.memberNames().contains(target)) {
          sendToNode(target, a, "delete", key);
        } else {
          apply(runner.confirm(a.id()));
        }
      }
      default -> apply(runner.fail(a.id(), "unknown controller action '" + a.operation() + "'"));
    }
  }

  void onResult(ActionResult r) {
    if (suspended) {
      return;
    }
    LocalHistory h = cluster.computeIfAbsent(r.node(), n -> new LocalHistory());
    if (r.after() == null) {
      h.forget(r.resource().id());
    } else {
      h.replace(r.after());
    }
    if (!joinComplete) {
      return;
    }
    String nodeId = c.nodeId(r.node());
    if (r.after() == null) {
      c.emit(
          new Effect.UpdateCib(
              new CibUpdate.LrmResourceDelete(nodeId, r.node(), r.resource().id())));
    } else {
      c.emit(new Effect.UpdateCib(new CibUpdate.LrmResource(nodeId, r.node(), r.after())));
    }
    OpRecord op = r.op();
    if (AttributeWriter.isFailure(op)) {
      attributes.countFailure(r.node(), r.resource().id(), op);
    }
    TransitionKey key = TransitionKey.parse(op.transitionKey());
    GraphAction action = null;
    if (key != null
        && runner != null
        && key.dcUuid().equals(c.self().id())
        && key.transitionId() == runner.transitionId()) {
      action = runner.inFlight(key.actionId());
    }
    if (action == null) {
      requestTransition("result " + op.operationKey() + " on " + r.node() + " was not expected");
      return;
    }
    if (op.opStatus() == OpStatus.DONE && op.rcCode() == action.targetRc()) {
      apply(runner.confirm(action.id()));
    } else {
      apply(
          runner.fail(
              action.id(),
              "rc="
                  + op.rcCode()
                  + " status="
                  + op.opStatus()
                  + " (expected rc="
                  + action.targetRc()
                  + ")"));
    }
  }

  void cleanup(String node, String rsc) {
    if (suspended) {
      return;
    }
    attributes.clearFailCounts(node, rsc);
    if (c.memberNames().contains(node)) {
      c.emit(
          new Effect.Broadcast(
              new CrmdMessage.ExecuteAction(
                  viewId,
                  c.self().name(),
                  node,
                  new org.pacer.crmd.graph.ResourceRef(rsc, null, "ocf", null, "unknown"),
                  "delete",
                  0,
                  0,
                  Map.of(),
                  "")));
    } else {
      c.emit(new Effect.UpdateCib(new CibUpdate.LrmResourceDelete(c.nodeId(node), node, rsc)));
      requestTransition("cleanup of " + rsc + " on " + node);
    }
  }

  void onFenced(String target, boolean ok, String reason) {
    if (suspended) {
      return;
    }
    Integer actionId = fencingActions.remove(target);
    if (ok && actionId == null && recordedDown.contains(target)) {
      log.debug("{} already recorded as fenced: {}", target, reason);
      return;
    }
    if (ok) {
      recordedDown.add(target);
      log.warn("{} was fenced: its resources are stopped ({})", target, reason);
      // Known here at once, not only when the broadcast below comes back: a join completing
      // before that must not write the node as unclean.
      c.notePeer(target, new CrmdMessage.PeerSeen(-1, c.epoch()));
      String id = c.nodeId(target);
      nodeState(
          target, Map.of("in_ccm", "false", "crmd", "offline", "join", "down", "expected", "down"));
      c.emit(new Effect.UpdateCib(new CibUpdate.LrmErase(id, target)));
      c.emit(new Effect.UpdateCib(new CibUpdate.TransientAttributesReplace(id, target, Map.of())));
      cluster.remove(target);
      c.emit(new Effect.Broadcast(new CrmdMessage.NodeDown(c.epoch(), target)));
    } else {
      log.error("fencing {} failed: {}", target, reason);
    }
    if (actionId != null && runner != null && runner.inFlight(actionId) != null) {
      apply(ok ? runner.confirm(actionId) : runner.fail(actionId, "fencing failed: " + reason));
    } else if (ok) {
      requestTransition(target + " was fenced");
    }
  }

  void onTimer(TimerKey key) {
    if (suspended) {
      return;
    }
    if (key instanceof TimerKey.ActionTimeout t) {
      actionTimedOut(t);
    } else if (key instanceof TimerKey.JoinTimeout t) {
      if (t.viewId() == viewId && !joinComplete) {
        Set<String> missing = new HashSet<>(c.memberNames());
        missing.removeAll(joins.keySet());
        log.warn("view {}: no join request from {}; joining the others", viewId, missing);
        completeJoin();
      }
    } else if (key instanceof TimerKey.AttributeDampen t) {
      if (attributes.dampened(t.name())) {
        requestTransition("node attribute " + t.name() + " changed");
      }
    } else if (key instanceof TimerKey.Recheck) {
      requestTransition("recheck");
    }
  }

  private void actionTimedOut(TimerKey.ActionTimeout t) {
    if (runner == null || runner.transitionId() != t.transitionId()) {
      return;
    }
    GraphAction a = runner.inFlight(t.actionId());
    if (a == null) {
      return;
    }
    if (a.kind() == ActionKind.RSC_OP) {
      // Record the timeout as a failed operation, so the scheduler treats the resource as possibly
      // active there (stop it, or fence the node) rather than as stopped.
      String node = a.executingNode();
      LocalHistory h = cluster.computeIfAbsent(node, n -> new LocalHistory());
      String key =
          new TransitionKey(a.id(), t.transitionId(), a.targetRc(), c.self().id()).toString();
      h.record(
          a.resource(),
          new OpRecord(
              "",
              // Under the executor's id: an anonymous clone's graph key names the instance.
              Controller.opKey(a.resource().id(), a.operation(), a.intervalMs()),
              a.operation(),
              a.intervalMs(),
              -1,
              OpStatus.RC_UNKNOWN_ERROR,
              OpStatus.TIMEOUT,
              key,
              c.now() / 1000,
              0,
              0,
              "the DC got no result in time",
              ""));
      c.emit(
          new Effect.UpdateCib(
              new CibUpdate.LrmResource(c.nodeId(node), node, h.get(a.resource().id()))));
    }
    fencingActions.values().remove(a.id());
    apply(runner.fail(a.id(), "no result in time"));
  }

  // ---- node attributes ----

  void attributeChanged(AttributeStore.Change change) {
    if (!suspended && joinComplete && attributes.changed(change)) {
      requestTransition("node attribute " + change.name() + " changed");
    }
  }

  // ---- for tests and status ----

  TransitionRunner runner() {
    return runner;
  }

  /**
   * The transition being run, else the latest one asked for (being computed, or the last that ran:
   * what happens between transitions follows from it); -1 before the first.
   */
  int activeTransition() {
    if (runner != null && !runner.isComplete()) {
      return runner.transitionId();
    }
    return requestedTransitionId > 0 ? requestedTransitionId : -1;
  }

  boolean joinComplete() {
    return joinComplete;
  }

  List<String> joinedNodes() {
    return new ArrayList<>(joins.keySet());
  }
}
