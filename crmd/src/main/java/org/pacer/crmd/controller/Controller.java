package org.pacer.crmd.controller;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pacer.crmd.attrs.AttributeStore;
import org.pacer.crmd.election.Election;
import org.pacer.crmd.graph.ResourceRef;
import org.pacer.crmd.history.LocalHistory;
import org.pacer.crmd.history.OpRecord;
import org.pacer.crmd.history.OpStatus;
import org.pacer.crmd.message.CrmdMessage;
import org.pacer.crmd.message.CrmdMessage.ActionResult;
import org.pacer.crmd.message.CrmdMessage.ExecuteAction;
import org.pacer.crmd.message.Member;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's controller, as a pure state machine: {@link #handle} takes an {@link Input} with the
 * current time and returns the {@link Effect}s for the shell to carry out. No threads, sockets or
 * clock reads, so the simulator drives the very same code as the daemon.
 *
 * <p>Every member takes part in elections, runs the operations the DC sends it, reports results and
 * keeps a replica of the transient node attributes. The member that wins the election also holds a
 * {@link DcRole}, which joins the members, writes the status section and runs transitions.
 */
public final class Controller {

  private static final Logger log = LoggerFactory.getLogger(Controller.class);

  private final Member self;
  private final ControllerOptions options;
  private final long startedAt;
  private final Map<String, String> nodeIds = new HashMap<>();
  private final Set<String> configuredNodes = new LinkedHashSet<>();
  private final LocalHistory history;
  private final Map<String, String> pendingDigests = new HashMap<>();
  private final AttributeStore attributes = new AttributeStore();
  private final Map<String, CrmdMessage.PeerSeen> peers = new HashMap<>();

  /** When (this controller's clock) each node last entered a view of the group. */
  private final Map<String, Long> joinedAt = new HashMap<>();

  private final Election election = new Election();
  private long viewId = -1;
  private long epoch = -1;
  private boolean inView;
  private List<Member> members = List.of();
  private Set<String> memberNames = Set.of();
  private boolean quorate;

  /**
   * Whether {@link #quorate} was reported after the current view: the group and quorum come from
   * two subscriptions, so a view can arrive before its quorum. Until then this partition counts as
   * without quorum for fencing and asks the scheduler nothing.
   */
  private boolean quorumKnown;

  private String dc;
  private boolean joined;

  /**
   * The DC told this node to go: until its daemon has left the group it still votes (others wait
   * for every member's vote), but with {@link #LEAVING_VERSION}, so it loses to every other member,
   * and it never keeps or takes the DC role.
   */
  private boolean leaving;

  /** The current view is a hand-over view (the DC leaving), not one the group delivered. */
  private boolean handOverView;

  /** The DC that told this node to go (itself, when the DC stops). */
  private String shutdownBy;

  /** Below every real protocol version: the vote of a controller on its way out. */
  static final int LEAVING_VERSION = -1;

  private DcRole dcRole;
  private boolean incumbent;
  private final List<Input.FencingCompleted> unrecordedFencing = new ArrayList<>();
  private int transitionCounter;
  private long graphRequestCounter;
  private List<Effect> out = new ArrayList<>();
  private long now;

  /**
   * @param self this node
   * @param nodes every node of the cluster's node list (this one included)
   * @param initialHistory what the local executor has run, read before joining the group
   * @param startedAt the time (epoch ms) this controller started, for its uptime
   */
  public Controller(
      Member self,
      List<Member> nodes,
      List<org.pacer.crmd.history.ResourceHistory> initialHistory,
      ControllerOptions options,
      long startedAt) {
    this.self = self;
    this.options = options;
    this.startedAt = startedAt;
    this.history = new LocalHistory(initialHistory);
    for (Member m : nodes) {
      nodeIds.put(m.name(), m.id());
      configuredNodes.add(m.name());
    }
    nodeIds.put(self.name(), self.id());
    configuredNodes.add(self.name());
  }

  /** Handles one input at time {@code nowMillis} (epoch ms); returns what to do. */
  public List<Effect> handle(long nowMillis, Input input) {
    now = nowMillis;
    out = new ArrayList<>();
    if (input instanceof Input.ViewChanged v) {
      onView(v);
    } else if (input instanceof Input.Delivered d) {
      onMessage(d.from(), d.message());
    } else if (input instanceof Input.QuorumChanged q && handOverView) {
      // A report for the membership with the leaving DC in it (it may arrive late): the rest's
      // quorum is known only from the report after the view without it.
      log.debug("quorum report during a hand-over ignored");
    } else if (input instanceof Input.QuorumChanged q) {
      boolean before = quorate();
      quorate = q.quorate();
      quorumKnown = true;
      if (dcRole != null && (before != quorate() || dcRole.heldForQuorum())) {
        dcRole.quorumChanged();
      }
    } else if (input instanceof Input.TimerFired t) {
      onTimer(t.key());
    } else if (input instanceof Input.ExecutorCompleted e) {
      onExecutorResult(e.result());
    } else if (input instanceof Input.FencingCompleted f) {
      if (dcRole != null) {
        dcRole.onFenced(f.target(), f.ok(), f.reason());
      } else if (f.ok()) {
        // Elections in progress: the next DC records it, so the node is not fenced twice.
        unrecordedFencing.add(f);
      }
    } else if (input instanceof Input.FencingObserved f) {
      onFencingObserved(f);
    } else if (input instanceof Input.GraphReady g) {
      if (dcRole != null) {
        dcRole.onGraph(g.requestId(), g.graphXml(), null);
      }
    } else if (input instanceof Input.GraphFailed g) {
      if (dcRole != null) {
        dcRole.onGraph(g.requestId(), null, g.reason());
      }
    } else if (input instanceof Input.CibChanged ch) {
      if (dcRole != null) {
        dcRole.requestTransition("CIB changed: " + ch.what());
      }
    } else if (input instanceof Input.SetAttribute sa) {
      if (inView) {
        emit(new Effect.Broadcast(sa.update()));
      } else {
        attributes.apply(sa.update());
      }
    } else if (input instanceof Input.ShutdownRequested) {
      CrmdMessage.AttrUpdate u =
          new CrmdMessage.AttrUpdate(
              self.name(), "shutdown", Long.toString(Math.max(1, now / 1000)), null, null, false);
      if (inView) {
        emit(new Effect.Broadcast(u));
      } else {
        emit(new Effect.Exit("shutting down outside any cluster view"));
      }
    } else if (input instanceof Input.Cleanup cl) {
      emit(new Effect.Broadcast(new CrmdMessage.Cleanup(cl.node(), cl.resourceId())));
    }
    return out;
  }

  /**
   * A fencing that succeeded, whoever asked: the node is down cleanly, so it must not be fenced
   * again for leaving (Pacemaker's controller records such results the same way). A result older
   * than the node's last entry into a view is about an earlier life of it and is ignored; so is
   * {@code on}. A controller that learns its own node was fenced stops (Pacemaker's
   * fence-reaction=stop): the cluster now counts everything here as stopped.
   */
  private void onFencingObserved(Input.FencingObserved f) {
    if ("on".equals(f.action())) {
      return;
    }
    String who = f.client() + " on " + f.origin();
    if (f.target().equals(self.name())) {
      if (f.completedAt() >= startedAt) {
        log.error(
            "this node was fenced ({} by {}) yet its controller runs: stopping", f.action(), who);
        emit(new Effect.Exit("this node was fenced by " + who));
      }
      return;
    }
    Long since = joinedAt.get(f.target());
    if (since != null && f.completedAt() < since) {
      log.info("ignoring the fencing of {} by {}: it has joined since", f.target(), who);
      return;
    }
    String reason = "fenced (" + f.action() + ") by " + who;
    if (dcRole != null) {
      dcRole.onFenced(f.target(), true, reason);
    } else if (dc == null) {
      // Elections in progress: the next DC records it.
      unrecordedFencing.add(new Input.FencingCompleted(f.target(), f.action(), true, reason));
    }
  }

  /**
   * The DC told itself to go (its resources are stopped): every member hands the role over at once,
   * at the same point of the order, as if the DC had left the view already, so another node is DC
   * before the DC's node leaves (Pacemaker's DC releases its role before it stops). When it then
   * leaves the group, the view only drops a member and the new DC stays ({@link Election#keeps}).
   */
  private boolean handOver(String leaving) {
    List<Member> rest = new ArrayList<>();
    for (Member m : members) {
      if (!m.name().equals(leaving)) {
        rest.add(m);
      }
    }
    if (rest.isEmpty()) {
      return false;
    }
    log.info("view {}: the DC {} is leaving: electing another among the rest", viewId, leaving);
    // Quorum counts as unknown until the membership reports it after the DC's node has left: the
    // rest may be a minority without it, and must not fence on the quorum it lends them.
    long handOverId = viewId * 31 + leaving.hashCode();
    onView(new Input.ViewChanged(handOverId, epoch, rest));
    handOverView = true;
    return true;
  }

  private void onView(Input.ViewChanged v) {
    handOverView = false;
    boolean wasDc = dcRole != null || (incumbent && dc == null);
    if (dcRole != null) {
      dcRole.suspend();
      dcRole = null;
    }
    incumbent = wasDc;
    if (inView) {
      emit(new Effect.CancelTimer(new TimerKey.ElectionTimeout(viewId)));
    }
    Set<String> next = new LinkedHashSet<>();
    v.members().forEach(m -> next.add(m.name()));
    String kept = inView && !leaving ? election.keeps(next) : null;
    inView = true;
    quorumKnown = false;
    viewId = v.viewId();
    epoch = Math.max(epoch, v.epoch());
    members = List.copyOf(v.members());
    Set<String> names = new LinkedHashSet<>();
    for (Member m : members) {
      if (!memberNames.contains(m.name())) {
        joinedAt.put(m.name(), now);
      }
      names.add(m.name());
      nodeIds.putIfAbsent(m.name(), m.id());
      configuredNodes.add(m.name());
    }
    memberNames = names;
    for (String m : names) {
      notePeer(m, new CrmdMessage.PeerSeen(epoch, -1));
    }
    joined = false;
    if (dc != null) {
      dc = null;
      if (kept == null) {
        emit(new Effect.DcChanged(null, false));
      }
    }
    election.start(viewId, names);
    log.info("view {} with {}: electing (incumbent={})", viewId, names, wasDc);
    if (names.contains(self.name())) {
      emit(
          new Effect.Broadcast(
              new CrmdMessage.Vote(
                  viewId,
                  self.name(),
                  leaving ? LEAVING_VERSION : options.version(),
                  wasDc,
                  Math.max(0, now - startedAt))));
      emit(new Effect.Broadcast(attributes.viewChanged(viewId, names, self.name())));
    }
    emit(new Effect.SetTimer(new TimerKey.ElectionTimeout(viewId), options.electionTimeoutMs()));
    if (kept != null) {
      log.info("view {}: members only left; {} stays DC", viewId, kept);
      election.settle(kept);
      elected(kept);
    }
  }

  private void onMessage(String from, CrmdMessage message) {
    if (message instanceof CrmdMessage.Vote vote) {
      elected(election.offer(vote));
    } else if (message instanceof CrmdMessage.ElectionCutoff cut) {
      elected(election.cutOff(cut.viewId()));
    } else if (message instanceof CrmdMessage.JoinRequest r) {
      if (dcRole != null) {
        dcRole.onJoinRequest(r);
      }
    } else if (message instanceof CrmdMessage.JoinConfirm jc) {
      if (jc.viewId() == viewId && jc.dc().equals(dc)) {
        joined = true;
      }
      jc.peers().forEach(this::notePeer);
    } else if (message instanceof CrmdMessage.NodeDown nd) {
      notePeer(nd.node(), new CrmdMessage.PeerSeen(-1, nd.epoch()));
    } else if (message instanceof ExecuteAction a) {
      if (a.target().equals(self.name())) {
        if (a.viewId() == viewId && a.dc().equals(dc)) {
          executeLocally(a);
        } else {
          log.warn(
              "ignoring {} of {} from {}: not the DC of view {}",
              a.operation(),
              a.resource() == null ? "(all)" : a.resource().id(),
              a.dc(),
              viewId);
        }
      }
    } else if (message instanceof ActionResult r) {
      if (dcRole != null) {
        dcRole.onResult(r);
      }
    } else if (message instanceof CrmdMessage.AttrUpdate u) {
      AttributeStore.Change ch = attributes.apply(u);
      if (ch != null && dcRole != null) {
        dcRole.attributeChanged(ch);
      }
    } else if (message instanceof CrmdMessage.AttrSync sync) {
      for (AttributeStore.Change ch : attributes.applySync(sync)) {
        if (dcRole != null) {
          dcRole.attributeChanged(ch);
        }
      }
    } else if (message instanceof CrmdMessage.Shutdown sd) {
      if (sd.viewId() != viewId || !sd.dc().equals(dc)) {
        return;
      }
      if (sd.target().equals(self.name())) {
        leaving = true;
        String by = dc;
        shutdownBy = by;
        if (dcRole != null) {
          dcRole.suspend();
          dcRole = null;
          if (handOver(self.name())) {
            // Stay in the group for the others' round (they wait for nobody's vote here), so
            // the new DC is there before this node leaves; the timeout bounds the wait.
            return;
          }
          dc = null;
          emit(new Effect.DcChanged(null, false));
        }
        emit(new Effect.Exit("shut down by the DC " + by));
      } else if (sd.target().equals(dc)) {
        handOver(sd.target());
      }
    } else if (message instanceof CrmdMessage.Cleanup cl) {
      if (dcRole != null) {
        dcRole.cleanup(cl.node(), cl.resourceId());
      }
    }
  }

  private void elected(String winner) {
    if (winner == null) {
      return;
    }
    emit(new Effect.CancelTimer(new TimerKey.ElectionTimeout(viewId)));
    dc = winner;
    boolean isSelf = winner.equals(self.name());
    log.info("view {}: DC is {}{}", viewId, winner, isSelf ? " (this node)" : "");
    emit(new Effect.DcChanged(winner, isSelf));
    if (isSelf && leaving) {
      log.info("view {}: elected while leaving; not taking the DC role", viewId);
    } else if (isSelf) {
      dcRole = new DcRole(this);
      dcRole.start();
      for (Input.FencingCompleted f : unrecordedFencing) {
        dcRole.onFenced(f.target(), f.ok(), f.reason());
      }
      unrecordedFencing.clear();
    } else {
      if (incumbent) {
        log.info("stepping down as DC in favour of {}", winner);
      }
      unrecordedFencing.clear();
    }
    incumbent = false;
    if (!memberNames.contains(self.name())) {
      // The DC that handed over: its successor is elected, so it goes now.
      emit(
          new Effect.Exit("shut down by the DC " + shutdownBy + "; the DC role went to " + winner));
      return;
    }
    emit(
        new Effect.Broadcast(
            new CrmdMessage.JoinRequest(
                viewId, self.name(), self.id(), history.snapshot(), Map.copyOf(peers))));
  }

  private void onTimer(TimerKey key) {
    if (key instanceof TimerKey.ElectionTimeout t) {
      if (t.viewId() == viewId && !election.decided() && !memberNames.contains(self.name())) {
        emit(
            new Effect.Exit(
                "shut down by the DC " + shutdownBy + "; no successor elected in time"));
      } else if (t.viewId() == viewId && !election.decided()) {
        log.warn("view {}: no ballot from {}; cutting the round off", viewId, missingVoters());
        emit(new Effect.Broadcast(new CrmdMessage.ElectionCutoff(viewId, self.name())));
      }
    } else if (dcRole != null) {
      dcRole.onTimer(key);
    }
  }

  private Set<String> missingVoters() {
    Set<String> missing = new LinkedHashSet<>(memberNames);
    missing.removeAll(election.voters());
    return missing;
  }

  private void executeLocally(ExecuteAction a) {
    ResourceRef rsc = a.resource();
    if (org.pacer.crmd.graph.GraphAction.isReprobe(a.operation())) {
      for (org.pacer.crmd.history.ResourceHistory h : history.snapshot()) {
        history.forget(h.resource().id());
        emit(new Effect.ForgetResource(h.resource().id()));
        OpRecord gone =
            record(h.resource(), "delete", 0, 0, 0, OpStatus.DONE, a.transitionKey(), "", "");
        emit(new Effect.Broadcast(new ActionResult(self.name(), h.resource(), gone, null)));
      }
      return;
    }
    switch (a.operation()) {
      case "cancel" -> {
        String op = a.parameters().getOrDefault("CRM_meta_operation", "monitor");
        emit(new Effect.CancelOp(rsc, op, a.intervalMs()));
        history.record(rsc, record(rsc, op, a.intervalMs(), 0, 0, OpStatus.CANCELLED, "", "", ""));
        OpRecord done =
            record(rsc, "cancel", a.intervalMs(), 0, 0, OpStatus.DONE, a.transitionKey(), "", "");
        emit(new Effect.Broadcast(new ActionResult(self.name(), rsc, done, history.get(rsc.id()))));
      }
      case "delete" -> {
        history.forget(rsc.id());
        emit(new Effect.ForgetResource(rsc.id()));
        OpRecord done = record(rsc, "delete", 0, 0, 0, OpStatus.DONE, a.transitionKey(), "", "");
        emit(new Effect.Broadcast(new ActionResult(self.name(), rsc, done, null)));
      }
      default -> {
        String digest = OpDigest.of(a.parameters());
        pendingDigests.put(opKey(rsc.id(), a.operation(), a.intervalMs()), digest);
        history.record(
            rsc,
            record(
                rsc,
                a.operation(),
                a.intervalMs(),
                -1,
                0,
                OpStatus.PENDING,
                a.transitionKey(),
                "",
                digest));
        emit(
            new Effect.ExecuteOp(
                new OpRequest(
                    rsc,
                    a.operation(),
                    a.intervalMs(),
                    a.timeoutMs(),
                    a.parameters(),
                    a.transitionKey())));
      }
    }
  }

  private void onExecutorResult(OpResult r) {
    ResourceRef rsc = r.resource();
    String digest = pendingDigests.getOrDefault(opKey(rsc.id(), r.operation(), r.intervalMs()), "");
    if (r.intervalMs() == 0) {
      pendingDigests.remove(opKey(rsc.id(), r.operation(), r.intervalMs()));
    }
    OpRecord rec =
        new OpRecord(
            "",
            opKey(rsc.id(), r.operation(), r.intervalMs()),
            r.operation(),
            r.intervalMs(),
            r.callId(),
            r.rc(),
            r.opStatus(),
            r.transitionKey(),
            r.finishedAt(),
            r.execTimeMs(),
            r.queueTimeMs(),
            r.exitReason(),
            digest);
    history.record(rsc, rec);
    if (inView) {
      emit(new Effect.Broadcast(new ActionResult(self.name(), rsc, rec, history.get(rsc.id()))));
    }
  }

  private OpRecord record(
      ResourceRef rsc,
      String op,
      long interval,
      int callId,
      int rc,
      int status,
      String key,
      String reason,
      String digest) {
    return new OpRecord(
        "",
        opKey(rsc.id(), op, interval),
        op,
        interval,
        callId,
        rc,
        status,
        key,
        now / 1000,
        0,
        0,
        reason,
        digest);
  }

  static String opKey(String rsc, String op, long intervalMs) {
    return rsc + "_" + op + "_" + intervalMs;
  }

  /** Merges what is known of a node's membership and down times. */
  void notePeer(String node, CrmdMessage.PeerSeen seen) {
    peers.merge(node, seen, CrmdMessage.PeerSeen::merge);
  }

  Map<String, CrmdMessage.PeerSeen> peers() {
    return peers;
  }

  // ---- what the DC role reads and emits through its controller ----

  void emit(Effect e) {
    out.add(e);
  }

  long now() {
    return now;
  }

  /** When this controller started: the startup wait counts from it, as dc-deadtime does. */
  long startedAt() {
    return startedAt;
  }

  Member self() {
    return self;
  }

  ControllerOptions options() {
    return options;
  }

  long viewId() {
    return viewId;
  }

  long epoch() {
    return epoch;
  }

  List<Member> members() {
    return members;
  }

  Set<String> memberNames() {
    return memberNames;
  }

  /** Quorum as known for the current view; unknown counts as none. */
  boolean quorate() {
    return quorate && quorumKnown;
  }

  boolean quorumKnown() {
    return quorumKnown;
  }

  Set<String> configuredNodes() {
    return configuredNodes;
  }

  String nodeId(String node) {
    return nodeIds.getOrDefault(node, node);
  }

  AttributeStore attributes() {
    return attributes;
  }

  int nextTransitionId() {
    return ++transitionCounter;
  }

  /**
   * Scheduler requests are numbered across DC roles: an answer to the previous role's request,
   * computed from the CIB as it was before the view changed, must never pass for the answer to the
   * new role's.
   */
  long nextGraphRequestId() {
    return ++graphRequestCounter;
  }

  // ---- read-only views for the shell, tools and tests ----

  /**
   * For log correlation: the transition this DC is running, else the latest it asked for; -1 when
   * this node is not the DC or has asked for none.
   */
  public int activeTransition() {
    return dcRole == null ? -1 : dcRole.activeTransition();
  }

  public String dc() {
    return dc;
  }

  public boolean isDc() {
    return dcRole != null;
  }

  /** Whether the DC has recorded this node as a member. */
  public boolean joined() {
    return joined;
  }

  public long currentViewId() {
    return viewId;
  }

  public List<Member> currentMembers() {
    return members;
  }

  public boolean hasQuorum() {
    return quorate();
  }

  public Member node() {
    return self;
  }

  /** The id of a node of the cluster, or null for a name the controller does not know. */
  public String nodeIdOf(String node) {
    return configuredNodes.contains(node) ? nodeIds.get(node) : null;
  }

  /** Every node of the cluster's node list (and any member seen), in the order known. */
  public List<Member> clusterNodes() {
    List<Member> out = new ArrayList<>();
    for (String n : configuredNodes) {
      out.add(new Member(n, nodeIds.getOrDefault(n, n)));
    }
    return out;
  }

  public AttributeStore attributeStore() {
    return attributes;
  }

  public LocalHistory localHistory() {
    return history;
  }

  /** The DC's transition state, or null on other members. */
  public DcRole dcRole() {
    return dcRole;
  }
}
