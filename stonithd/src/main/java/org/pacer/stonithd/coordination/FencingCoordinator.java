package org.pacer.stonithd.coordination;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.pacer.stonithd.config.FenceAction;
import org.pacer.stonithd.config.FencingConfig;
import org.pacer.stonithd.coordination.FencingEffect.TimerKind;
import org.pacer.stonithd.coordination.FencingMessage.Done;
import org.pacer.stonithd.coordination.FencingMessage.Execute;
import org.pacer.stonithd.coordination.FencingMessage.Request;
import org.pacer.stonithd.port.GroupView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster-wide fencing, as a pure state machine (events in, effects out; no threads, I/O or clock).
 * One instance per node.
 *
 * <p>A request goes to the whole {@code stonithd} group. Every member that sees it (its witnesses)
 * checks which of its devices can fence the target and broadcasts the answer. The operation's
 * coordinator (its origin, or after the origin is lost the lowest-named surviving witness that is
 * not the target) builds the plan (topology levels, or every capable device by priority), and picks
 * for each device a member that can run it and is not the target. Results come back through the
 * group, so every member holds the same state and a successor coordinator can carry on. The final
 * result is broadcast and recorded in every member's history. A request for a target and action
 * already being fenced merges into the running operation.
 */
public final class FencingCoordinator {

  private static final Logger log = LoggerFactory.getLogger(FencingCoordinator.class);
  static final long MIN_QUERY_WINDOW_MS = 1_000;
  static final long MAX_QUERY_WINDOW_MS = 10_000;

  /**
   * How long after an operation's deadline any member holding it ends it, in case its coordinator
   * is gone without a successor that holds it (a partition that healed, state lost with a node).
   */
  static final long BACKSTOP_GRACE_MS = 5_000;

  private final String self;
  private final String incarnation;
  private long counter;
  private FencingConfig config = FencingConfig.EMPTY;
  private List<String> members = List.of();
  private long viewId = -1;
  private final Map<String, Operation> operations = new LinkedHashMap<>();

  /** A merged request's id to the id of the operation that carries it. */
  private final Map<String, String> merged = new LinkedHashMap<>();

  /** Requests made here that were merged into another operation, until they are answered. */
  private final Map<String, Request> mergedRequests = new LinkedHashMap<>();

  private final FenceHistory history = new FenceHistory();
  private final List<FencingEffect> out = new ArrayList<>();

  /** Ids this node already reported as finished (bounded), so no client hears twice. */
  private final Set<String> reported = new java.util.LinkedHashSet<>();

  private final JoinGate gate = new JoinGate();

  /**
   * @param self this node's name
   * @param incarnation distinguishes this run's operation ids from a previous run's (e.g. the start
   *     time)
   */
  public FencingCoordinator(String self, String incarnation) {
    this.self = self;
    this.incarnation = incarnation;
  }

  public String self() {
    return self;
  }

  public List<HistoryEntry> history() {
    return history.entries();
  }

  /** Operations not finished yet, as history entries in state pending. */
  public List<HistoryEntry> pending() {
    List<HistoryEntry> list = new ArrayList<>();
    for (Operation op : operations.values()) {
      list.add(op.entry(FenceState.PENDING, op.executor, op.phase.name().toLowerCase(), 0));
    }
    return list;
  }

  public List<String> members() {
    return members;
  }

  /** The coordinator of an operation this node knows, if any member can coordinate it. */
  public Optional<String> coordinatorOf(String opId) {
    Operation op = operations.get(opId);
    return op == null ? Optional.empty() : Planner.coordinator(op);
  }

  public List<FencingEffect> handle(FencingEvent event) {
    out.clear();
    if (event instanceof FencingEvent.Delivered d) {
      if (gate.isTheState(d, self)) {
        installState((FencingMessage.HistorySync) d.message(), d.now());
      } else if (gate.waiting()) {
        gate.hold(d);
      } else {
        delivered(d.sender(), d.message(), d.now());
      }
    } else if (event instanceof FencingEvent.ViewChanged v) {
      viewChanged(v.view(), v.now());
    } else if (event instanceof FencingEvent.Configured c) {
      config = c.config();
    } else if (event instanceof FencingEvent.FenceRequested r) {
      requested(r);
    } else if (event instanceof FencingEvent.ManualConfirmation m) {
      confirmed(m);
    } else if (event instanceof FencingEvent.HistoryCleanupRequested h) {
      out.add(new FencingEffect.Broadcast(new FencingMessage.HistoryCleanup(nextId(), h.target())));
    } else if (event instanceof FencingEvent.DevicesChecked c) {
      devicesChecked(c);
    } else if (event instanceof FencingEvent.DeviceFinished f) {
      deviceFinished(f);
    } else if (event instanceof FencingEvent.TimerFired t) {
      timerFired(t);
    }
    return List.copyOf(out);
  }

  // ---- local requests ----

  private void requested(FencingEvent.FenceRequested r) {
    Optional<FenceAction> action = FenceAction.parse(r.action());
    if (action.isEmpty() || !action.get().isFencing()) {
      out.add(
          new FencingEffect.Refused(
              r.callId(), "'" + r.action() + "' is not a fencing action (reboot, off or on)"));
      return;
    }
    if (r.target() == null || r.target().isBlank()) {
      out.add(new FencingEffect.Refused(r.callId(), "no target node given"));
      return;
    }
    if (r.timeoutMs() <= 0) {
      out.add(new FencingEffect.Refused(r.callId(), "the timeout must be positive"));
      return;
    }
    if (!members.contains(self)) {
      out.add(
          new FencingEffect.Refused(
              r.callId(), "this node is not (yet) a member of the stonithd group"));
      return;
    }
    String opId = nextId();
    out.add(new FencingEffect.Accepted(r.callId(), opId));
    out.add(
        new FencingEffect.Broadcast(
            new Request(
                opId,
                r.target(),
                action.get().value(),
                self,
                r.client(),
                r.timeoutMs(),
                r.delayMs() < 0 ? -1 : r.delayMs(),
                r.now())));
  }

  private void confirmed(FencingEvent.ManualConfirmation m) {
    if (m.target() == null || m.target().isBlank()) {
      out.add(new FencingEffect.Refused(m.callId(), "no target node given"));
      return;
    }
    String opId = nextId();
    out.add(new FencingEffect.Accepted(m.callId(), opId));
    HistoryEntry entry =
        HistoryEntry.manualConfirmation(opId, m.target(), self, m.client(), m.now());
    out.add(new FencingEffect.Broadcast(new Done(opId, entry)));
  }

  // ---- deliveries (the same on every member) ----

  private void delivered(String sender, FencingMessage message, long now) {
    if (message instanceof Request r) {
      onRequest(r, now);
    } else if (message instanceof FencingMessage.Query q) {
      onQuery(q, now);
    } else if (message instanceof FencingMessage.QueryReply q) {
      onQueryReply(q, now);
    } else if (message instanceof Execute e) {
      onExecute(e);
    } else if (message instanceof FencingMessage.StepResult s) {
      onStepResult(s, now);
    } else if (message instanceof Done d) {
      onDone(d, now);
    } else if (message instanceof FencingMessage.HistorySync h) {
      adopt(h, now);
    } else if (message instanceof FencingMessage.HistoryCleanup c) {
      int n = history.cleanup(c.target());
      log.info("fence history cleaned for {}: {} entries", c.target(), n);
    }
  }

  private void onRequest(Request r, long now) {
    for (Operation running : operations.values()) {
      if (running.target().equals(r.target()) && running.request.action().equals(r.action())) {
        merged.put(r.opId(), running.id());
        running.mergedIds.add(r.opId());
        running.delegates.add(r.client() + "@" + r.origin());
        if (self.equals(r.origin())) {
          // The merged request keeps its own timeout for its client.
          mergedRequests.put(r.opId(), r);
          out.add(new FencingEffect.SetTimer(r.opId(), TimerKind.DEADLINE, now + r.timeoutMs()));
        }
        log.info(
            "request {} to {} {} merged into running operation {}",
            r.opId(),
            r.action(),
            r.target(),
            running.id());
        return;
      }
    }
    Operation op = new Operation(r, members, now + r.timeoutMs());
    operations.put(op.id(), op);
    setBackstop(op);
    log.info(
        "operation {}: {} {} for {}@{}", op.id(), r.action(), r.target(), r.client(), r.origin());
    checkDevices(op);
    if (isCoordinator(op)) {
      startCoordinating(op, now);
    }
  }

  private void onQuery(FencingMessage.Query q, long now) {
    Operation op = operations.get(q.opId());
    if (op == null || op.phase != Operation.Phase.QUERYING) {
      return;
    }
    op.round = q.round();
    op.replies.clear();
    checkDevices(op);
    if (isCoordinator(op) && Planner.allReplied(op, members)) {
      endQuery(op, now);
    }
  }

  private void checkDevices(Operation op) {
    if (!self.equals(op.target())) {
      out.add(new FencingEffect.CheckDevices(op.id(), op.round, op.target(), op.request.action()));
    }
  }

  private void onQueryReply(FencingMessage.QueryReply q, long now) {
    Operation op = operations.get(q.opId());
    if (op == null || op.phase != Operation.Phase.QUERYING || q.round() != op.round) {
      return;
    }
    op.replies.put(q.node(), q.devices());
    if (isCoordinator(op) && Planner.allReplied(op, members)) {
      endQuery(op, now);
    }
  }

  private void onExecute(Execute e) {
    Operation op = operations.get(e.opId());
    if (op == null) {
      return;
    }
    op.phase = Operation.Phase.EXECUTING;
    op.step = e.step();
    op.plan = e.plan();
    op.failures = new ArrayList<>(e.failures());
    op.level = e.level();
    op.position = e.position();
    op.device = e.device();
    op.executor = e.executor();
    op.delayUsed = op.delayUsed || e.applyDelay();
    if (self.equals(e.executor())) {
      out.add(
          new FencingEffect.RunDevice(
              op.id(),
              e.step(),
              e.device(),
              op.target(),
              op.request.action(),
              e.applyDelay(),
              e.applyDelay() ? op.request.delayMs() : 0));
    }
  }

  private void onStepResult(FencingMessage.StepResult s, long now) {
    Operation op = operations.get(s.opId());
    if (op == null || s.step() != op.step || op.phase != Operation.Phase.EXECUTING) {
      return;
    }
    op.lastExecutor = s.executor();
    op.executor = "";
    op.tried.clear();
    if (s.ok()) {
      op.position++;
    } else {
      op.failures.add(
          "level "
              + (op.level + 1)
              + ": device "
              + s.device()
              + " on "
              + s.executor()
              + ": "
              + s.reason());
      op.level++;
      op.position = 0;
    }
    if (isCoordinator(op)) {
      advance(op, now);
    }
  }

  private void onDone(Done d, long now) {
    HistoryEntry entry = d.entry();
    boolean known = history.contains(d.opId());
    history.record(entry);
    Operation op = operations.remove(d.opId());
    if (op != null) {
      finished(op, entry);
    } else if (!known) {
      // A manual confirmation, or an operation from before this node joined.
      report(d.opId(), entry);
    }
    if (entry.manual() && entry.state() == FenceState.SUCCESS) {
      // A node confirmed down needs no device any more: its pending operations succeed too.
      for (Operation pending : new ArrayList<>(operations.values())) {
        if (pending.target().equals(entry.target())
            && !pending.request.action().equals(FenceAction.ON.value())) {
          operations.remove(pending.id());
          HistoryEntry e =
              pending.entry(
                  FenceState.SUCCESS,
                  entry.executor(),
                  "completed by the manual confirmation " + entry.opId(),
                  entry.completedAt());
          history.record(e);
          finished(pending, e);
        }
      }
    }
    log.info(
        "operation {}: {} {} {} ({})",
        entry.opId(),
        entry.action(),
        entry.target(),
        entry.state().word(),
        entry.reason());
  }

  private void finished(Operation op, HistoryEntry entry) {
    out.add(new FencingEffect.CancelTimers(op.id()));
    report(op.id(), entry);
    for (String id : op.mergedIds) {
      merged.remove(id);
      mergedRequests.remove(id);
      report(id, entry);
    }
  }

  private void report(String id, HistoryEntry entry) {
    if (reported.add(id)) {
      out.add(new FencingEffect.Finished(id, entry));
      if (reported.size() > 4 * FenceHistory.LIMIT) {
        reported.remove(reported.iterator().next());
      }
    }
  }

  /** Takes the running operations of the cluster, then what was delivered since joining. */
  private void installState(FencingMessage.HistorySync h, long now) {
    adopt(h, now);
    log.info(
        "state from {}: {} history entries, {} running operations",
        gate.sender(),
        h.entries().size(),
        h.operations().size());
    finishWaiting();
  }

  /**
   * Merges a member's history and takes the running operations this node does not hold. When a
   * partition heals, each half learns the other's operations this way, at the same point of the
   * message order on every member, so later requests merge the same way everywhere. An operation
   * both halves hold stays as each holds it; whichever result is delivered first ends it.
   */
  private void adopt(FencingMessage.HistorySync h, long now) {
    history.merge(h.entries());
    for (HistoryEntry entry : h.entries()) {
      Operation running = operations.remove(entry.opId());
      if (running != null) {
        // The other half of a partition finished it: its result stands here too.
        finished(running, history.get(entry.opId()));
      }
    }
    for (OperationSnapshot snapshot : h.operations()) {
      String id = snapshot.request().opId();
      if (operations.containsKey(id) || merged.containsKey(id) || history.contains(id)) {
        continue;
      }
      Operation op = snapshot.restore(now);
      op.witnesses.retainAll(members);
      operations.put(id, op);
      setBackstop(op);
      for (String mergedId : op.mergedIds) {
        merged.put(mergedId, id);
      }
    }
  }

  private void finishWaiting() {
    for (FencingEvent.Delivered d : gate.open()) {
      delivered(d.sender(), d.message(), d.now());
    }
  }

  // ---- configuration changes ----

  private void viewChanged(GroupView view, long now) {
    if (gate.waiting()) {
      // The member that was to send the state is gone: carry on with what this node has.
      log.warn("no state transfer from {} before the next configuration change", gate.sender());
      finishWaiting();
    }
    boolean wasMember = members.contains(self);
    Map<String, Optional<String>> before = new LinkedHashMap<>();
    for (Operation op : operations.values()) {
      before.put(op.id(), Planner.coordinator(op));
    }
    members = view.members();
    viewId = view.viewId();
    for (Operation op : operations.values()) {
      op.witnesses.retainAll(members);
    }
    if (!members.contains(self)) {
      return;
    }
    if (!view.joined().isEmpty()) {
      syncHistory(view, now);
      TreeSet<String> old = new TreeSet<>(members);
      old.removeAll(view.joined());
      if (!wasMember && view.joined().contains(self) && !old.isEmpty()) {
        gate.waitFor(old.first());
      }
    }
    for (Operation op : new ArrayList<>(operations.values())) {
      Optional<String> now0 = Planner.coordinator(op);
      if (now0.isEmpty()) {
        continue; // not a witness of it any more: another member decides
      }
      if (!now0.get().equals(self)) {
        continue;
      }
      boolean takeover = !before.get(op.id()).equals(now0);
      if (takeover) {
        log.info("operation {}: taking over as coordinator", op.id());
        startCoordinating(op, now);
        if (op.phase == Operation.Phase.QUERYING) {
          out.add(new FencingEffect.Broadcast(new FencingMessage.Query(op.id(), op.round + 1)));
          continue;
        }
      }
      if (op.phase == Operation.Phase.QUERYING) {
        if (Planner.allReplied(op, members)) {
          endQuery(op, now);
        }
      } else if (!op.executor.isEmpty() && !members.contains(op.executor)) {
        log.warn(
            "operation {}: executor {} left while running {}; trying another node",
            op.id(),
            op.executor,
            op.device);
        op.tried.add(op.executor);
        advance(op, now);
      }
    }
  }

  /**
   * Joining members get the history: every member sends what it has (a member that synced from a
   * node that died right after may have missed entries another member holds; histories are bounded,
   * and joins are rare), and the lowest-named member that was already there also sends the running
   * operations. Entries merge by operation id, so duplicates are harmless.
   */
  private void syncHistory(GroupView view, long now) {
    TreeSet<String> old = new TreeSet<>(view.members());
    old.removeAll(view.joined());
    boolean lowestOld = !old.isEmpty() && old.first().equals(self);
    if (lowestOld || history.size() > 0) {
      List<OperationSnapshot> running = new ArrayList<>();
      if (lowestOld) {
        for (Operation op : operations.values()) {
          running.add(OperationSnapshot.of(op, now));
        }
      }
      out.add(
          new FencingEffect.Broadcast(
              new FencingMessage.HistorySync(
                  self + ":sync:" + view.viewId(), view.joined(), history.entries(), running)));
    }
  }

  // ---- coordination (effects only on the coordinator) ----

  private void startCoordinating(Operation op, long now) {
    out.add(new FencingEffect.SetTimer(op.id(), TimerKind.DEADLINE, op.deadline));
    if (op.phase == Operation.Phase.QUERYING) {
      long window =
          Math.min(MAX_QUERY_WINDOW_MS, Math.max(MIN_QUERY_WINDOW_MS, op.request.timeoutMs() / 5));
      out.add(
          new FencingEffect.SetTimer(
              op.id(), TimerKind.QUERY, Math.min(op.deadline, now + window)));
    }
  }

  private void devicesChecked(FencingEvent.DevicesChecked c) {
    Operation op = operations.get(c.opId());
    if (op == null || op.phase != Operation.Phase.QUERYING || c.round() != op.round) {
      return;
    }
    out.add(
        new FencingEffect.Broadcast(
            new FencingMessage.QueryReply(op.id(), op.round, self, c.devices())));
  }

  private void deviceFinished(FencingEvent.DeviceFinished f) {
    Operation op = operations.get(f.opId());
    if (op == null || op.step != f.step() || !self.equals(op.executor)) {
      return;
    }
    out.add(
        new FencingEffect.Broadcast(
            new FencingMessage.StepResult(
                op.id(), f.step(), self, f.device(), f.ok(), f.reason())));
  }

  private void setBackstop(Operation op) {
    out.add(
        new FencingEffect.SetTimer(op.id(), TimerKind.BACKSTOP, op.deadline + BACKSTOP_GRACE_MS));
  }

  private void timerFired(FencingEvent.TimerFired t) {
    Request mergedRequest = mergedRequests.remove(t.opId());
    if (mergedRequest != null && merged.containsKey(t.opId())) {
      Request r = mergedRequest;
      report(r.opId(), HistoryEntry.mergedTimeout(r, merged.get(r.opId()), t.now()));
      return;
    }
    Operation op = operations.get(t.opId());
    if (op == null) {
      return;
    }
    if (t.kind() == TimerKind.BACKSTOP) {
      log.warn(
          "operation {}: still running {} ms after its deadline; ending it",
          op.id(),
          BACKSTOP_GRACE_MS);
      List<String> reasons = new ArrayList<>(op.failures);
      reasons.add("timed out after " + op.request.timeoutMs() + " ms (its coordinator was lost)");
      broadcastDone(op, FenceState.FAILED, op.executor, String.join("; ", reasons), t.now());
      return;
    }
    if (!isCoordinator(op)) {
      return;
    }
    if (t.kind() == TimerKind.QUERY) {
      if (op.phase == Operation.Phase.QUERYING) {
        endQuery(op, t.now());
      }
      return;
    }
    List<String> reasons = new ArrayList<>(op.failures);
    reasons.add(
        "timed out after "
            + op.request.timeoutMs()
            + " ms"
            + (op.executor.isEmpty() ? "" : " while " + op.executor + " ran " + op.device));
    broadcastDone(op, FenceState.FAILED, op.executor, String.join("; ", reasons), t.now());
  }

  private void endQuery(Operation op, long now) {
    op.phase = Operation.Phase.EXECUTING;
    op.plan = Planner.plan(op, config, members);
    op.level = 0;
    op.position = 0;
    op.failures = new ArrayList<>();
    if (op.plan.isEmpty()) {
      String reason = "no device can fence " + op.target();
      if (!knownNode(op.target())) {
        reason += " (" + op.target() + " is neither a member nor a node in the CIB)";
      }
      broadcastDone(op, FenceState.FAILED, "", reason, now);
      return;
    }
    advance(op, now);
  }

  /** Runs the next device of the plan, or finishes the operation. */
  private void advance(Operation op, long now) {
    while (op.level < op.plan.size()) {
      List<String> devices = op.plan.get(op.level);
      if (op.position >= devices.size()) {
        String how = "level " + (op.level + 1) + " (" + String.join(",", devices) + ") succeeded";
        String reason = op.failures.isEmpty() ? how : String.join("; ", op.failures) + "; " + how;
        broadcastDone(op, FenceState.SUCCESS, op.lastExecutor, reason, now);
        return;
      }
      String device = devices.get(op.position);
      Optional<String> executor = Planner.executor(op, device, members);
      if (executor.isPresent()) {
        op.step++;
        op.tried.add(executor.get());
        boolean delay = !op.delayUsed;
        out.add(
            new FencingEffect.Broadcast(
                new Execute(
                    op.id(),
                    op.step,
                    executor.get(),
                    device,
                    op.level,
                    op.position,
                    delay,
                    op.plan,
                    op.failures)));
        return;
      }
      String why;
      if (config.device(device).isEmpty() && !Planner.offeredBySomeone(op, device)) {
        why = "device " + device + " does not exist";
      } else if (op.tried.isEmpty()) {
        why = "no member other than the target can use device " + device;
      } else {
        why = "every member that can use device " + device + " left or failed";
      }
      op.failures.add("level " + (op.level + 1) + ": " + why);
      op.tried.clear();
      op.level++;
      op.position = 0;
    }
    broadcastDone(
        op,
        FenceState.FAILED,
        op.lastExecutor,
        op.failures.isEmpty() ? "every level failed" : String.join("; ", op.failures),
        now);
  }

  private void broadcastDone(
      Operation op, FenceState state, String executor, String reason, long now) {
    out.add(new FencingEffect.CancelTimers(op.id()));
    out.add(new FencingEffect.Broadcast(new Done(op.id(), op.entry(state, executor, reason, now))));
  }

  private boolean isCoordinator(Operation op) {
    return Planner.coordinator(op).filter(self::equals).isPresent();
  }

  private boolean knownNode(String node) {
    return members.contains(node) || config.nodeAttributes().containsKey(node);
  }

  private String nextId() {
    return self + "-" + incarnation + "-" + (++counter);
  }

  /** For tests: operation ids this node still tracks. */
  Collection<String> operationIds() {
    return operations.keySet();
  }
}
