package org.pacer.cib.replication;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pacer.cib.document.CibDocument;
import org.pacer.cib.document.CibError;
import org.pacer.cib.document.CibException;
import org.pacer.cib.ops.CibWrite;
import org.pacer.cib.ops.WriteContext;
import org.pacer.cib.ops.WriteOutcome;
import org.pacer.cib.replication.ReplicaEffect.WriteResult;

/**
 * One node's copy of the CIB, kept identical to the others' by ordering every write through the
 * {@code cib} process group: a write is applied by every member when the group delivers it, at the
 * same point of the total order, so every copy passes through the same versions.
 *
 * <p>After every configuration change (a node joins or leaves, partitions merge) the members run a
 * round: each offers its version and digest, and once all offers are delivered every member applies
 * {@link SyncDecision}'s rule to the same set of offers and so reaches the same choice; the winner
 * sends its CIB unless all copies are already identical. Writes delivered during a round are
 * refused on every member alike (the client retries), so no copy moves while the round decides.
 * After each applied write its origin sends the digest it reached; a member whose digest differs
 * starts a new round, which brings every copy back to one.
 *
 * <p>Pure: events in, effects out, no clock, threads or I/O.
 */
public final class CibReplica {
  /** How many recent write digests are kept for comparing with other members' checks. */
  static final int DIGEST_WINDOW = 1024;

  /** Applies a write; the production one is {@link org.pacer.cib.ops.CibUpdater#apply}. */
  @FunctionalInterface
  public interface Applier {
    WriteOutcome apply(CibDocument cib, CibWrite write, WriteContext ctx);
  }

  private final String node;
  private final String incarnation;
  private final Applier applier;
  private long roundsStarted;
  private CibDocument cib;
  private boolean live;
  private View view;
  private Round round;
  private boolean syncing;
  private final Map<String, ReplicationMessage.Offer> offers = new HashMap<>();
  private long index;

  /** The highest write index this node has announced a digest for, in this round. */
  private long checkedIndex;

  /** Whether the last write applied was accepted by this node. */
  private boolean lastWriteMine;

  /** Ticks since the current synchronisation last made progress. */
  private int stalledTicks;

  /**
   * Ticks of no progress after which the coordinator starts the round again (doubles each time).
   */
  private int patience = INITIAL_PATIENCE;

  /**
   * A round that has not moved for this many ticks (seconds, in the daemon) is started again by the
   * coordinator: a lost message (a send that failed, a member gone without a configuration change
   * yet) must not stop the CIB for good. Generous, because sending a large CIB takes time.
   */
  static final int INITIAL_PATIENCE = 30;

  /**
   * Ticks without a write after which a member announces its digest again. A check can be lost (a
   * send that failed); without this, a copy that diverged in the last write before the cluster fell
   * quiet would stay diverged until the next write (found by the simulator, seed 2000741).
   */
  static final int CHECK_EVERY = 10;

  /** Ticks since this member last applied a write or announced its digest while idle. */
  private int idleTicks;

  private final LinkedHashMap<Long, String> digests =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
          return size() > DIGEST_WINDOW;
        }
      };

  /**
   * @param incarnation different for every start of this node's daemon (e.g. its start time and
   *     pid), so rounds it coordinates never share a name with a previous life's
   * @param initial the CIB read from disk at start
   */
  public CibReplica(String node, String incarnation, CibDocument initial, Applier applier) {
    this.node = node;
    this.incarnation = incarnation;
    this.cib = initial;
    this.applier = applier;
  }

  public String node() {
    return node;
  }

  public CibDocument cib() {
    return cib;
  }

  public View view() {
    return view;
  }

  /** Whether this copy has been part of a cluster since it was read from disk. */
  boolean liveForTest() {
    return live;
  }

  /** True while a round is deciding; writes are refused meanwhile. */
  public boolean syncing() {
    return syncing || view == null;
  }

  /** A local client asks for a write. */
  public List<ReplicaEffect> submit(long requestId, CibWrite write, WriteContext ctx) {
    if (view == null || syncing) {
      return List.of(
          new ReplicaEffect.Reply(
              requestId,
              WriteResult.failed(
                  CibError.RETRY,
                  view == null
                      ? "this node has not joined the cib group yet; retry"
                      : "the cluster is synchronising its CIB copies; retry",
                  List.of())));
    }
    ReplicationMessage.Check check = null;
    if (round != null && index > 0) {
      check = new ReplicationMessage.Check(round, index, cib.version(), cib.digest());
      checkedIndex = Math.max(checkedIndex, index);
    }
    return List.of(
        new ReplicaEffect.Broadcast(
            ReplicationMessage.Write.of(node, requestId, write, ctx, check)));
  }

  /**
   * The shell has nothing more to hand the replica for now. If the last write applied was this
   * node's and no check has covered it, its digest goes out on its own, so that a divergence caused
   * by the last write of a burst is caught although no write follows.
   */
  public List<ReplicaEffect> idle() {
    if (syncing || round == null || !lastWriteMine || index <= checkedIndex) {
      return List.of();
    }
    checkedIndex = index;
    return List.of(
        new ReplicaEffect.Broadcast(
            new ReplicationMessage.Check(round, index, cib.version(), cib.digest())));
  }

  /**
   * Time passes (once a second in the daemon). While a synchronisation makes no progress for longer
   * than its patience, the coordinator starts the round again, and waits twice as long before the
   * next attempt. While no write comes, every member announces its digest every {@link
   * #CHECK_EVERY} ticks.
   */
  public List<ReplicaEffect> tick() {
    if (view == null) {
      return List.of();
    }
    if (!syncing) {
      if (round == null || index == 0 || ++idleTicks < CHECK_EVERY) {
        return List.of();
      }
      idleTicks = 0;
      return List.of(
          new ReplicaEffect.Broadcast(
              new ReplicationMessage.Check(round, index, cib.version(), cib.digest())));
    }
    if (++stalledTicks < patience) {
      return List.of();
    }
    stalledTicks = 0;
    patience = Math.min(patience * 2, 64 * INITIAL_PATIENCE);
    if (!view.isCoordinator(node)) {
      return List.of();
    }
    Round r = new Round(node, incarnation, ++roundsStarted);
    return List.of(new ReplicaEffect.Broadcast(new ReplicationMessage.StartRound(r)));
  }

  /** The group delivered a configuration change: writes stop until a round has run. */
  public List<ReplicaEffect> onView(View next) {
    view = next;
    return enterSync();
  }

  private List<ReplicaEffect> enterSync() {
    syncing = true;
    round = null;
    offers.clear();
    stalledTicks = 0;
    if (!view.isCoordinator(node)) {
      return List.of();
    }
    Round r = new Round(node, incarnation, ++roundsStarted);
    return List.of(new ReplicaEffect.Broadcast(new ReplicationMessage.StartRound(r)));
  }

  /** Every member offers its copy as it stands here, in the total order. */
  private List<ReplicaEffect> onStartRound(String sender, ReplicationMessage.StartRound s) {
    if (!view.isCoordinator(sender)) {
      return List.of();
    }
    round = s.round();
    syncing = true;
    stalledTicks = 0;
    idleTicks = 0;
    index = 0;
    checkedIndex = 0;
    lastWriteMine = false;
    digests.clear();
    offers.clear();
    return List.of(
        new ReplicaEffect.Broadcast(
            new ReplicationMessage.Offer(round, cib.version(), cib.digest(), live)));
  }

  /** The group delivered a message from {@code sender}, in total order. */
  public List<ReplicaEffect> onDeliver(String sender, ReplicationMessage message) {
    if (view == null || !view.contains(sender)) {
      return List.of();
    }
    if (message instanceof ReplicationMessage.Write w) {
      return onWrite(w);
    }
    if (message instanceof ReplicationMessage.Check c) {
      return onCheck(sender, c);
    }
    if (message instanceof ReplicationMessage.StartRound st) {
      return onStartRound(sender, st);
    }
    if (message instanceof ReplicationMessage.Offer o) {
      return onOffer(sender, o);
    }
    if (message instanceof ReplicationMessage.Snapshot s) {
      return onSnapshot(sender, s);
    }
    if (message instanceof ReplicationMessage.Resync r) {
      if (r.round().equals(round) && !syncing) {
        return enterSync();
      }
    }
    return List.of();
  }

  private List<ReplicaEffect> onWrite(ReplicationMessage.Write w) {
    List<ReplicaEffect> effects = new ArrayList<>(3);
    if (w.check() != null) {
      effects.addAll(onCheck(w.origin(), w.check()));
    }
    boolean mine = w.origin().equals(node);
    if (syncing) {
      if (mine) {
        effects.add(
            new ReplicaEffect.Reply(
                w.requestId(),
                WriteResult.failed(
                    CibError.RETRY,
                    "the cluster began synchronising its CIB copies before this write; retry",
                    List.of())));
      }
      return effects;
    }
    WriteOutcome out;
    try {
      out = applier.apply(cib, w.write(), w.context());
    } catch (CibException e) {
      if (mine) {
        effects.add(
            new ReplicaEffect.Reply(
                w.requestId(), WriteResult.failed(e.error(), e.getMessage(), e.problems())));
      }
      return effects;
    }
    if (out.changed()) {
      cib = out.cib();
      live = true;
      index++;
      idleTicks = 0;
      lastWriteMine = mine;
      digests.put(index, cib.digest());
      effects.add(new ReplicaEffect.Applied(cib, out.diff(), w));
    }
    if (mine) {
      effects.add(new ReplicaEffect.Reply(w.requestId(), WriteResult.ok(cib.version())));
    }
    return effects;
  }

  private List<ReplicaEffect> onOffer(String sender, ReplicationMessage.Offer o) {
    if (!syncing || round == null || !o.round().equals(round)) {
      return List.of();
    }
    offers.put(sender, o);
    stalledTicks = 0;
    if (!offers.keySet().containsAll(view.members())) {
      return List.of();
    }
    SyncDecision decision = SyncDecision.decide(round, offers);
    if (decision.identical()) {
      return finishRound(decision);
    }
    if (decision.winner().equals(node)) {
      return List.of(
          new ReplicaEffect.Broadcast(
              new ReplicationMessage.Snapshot(round, cib.version(), cib.toXml())));
    }
    return List.of();
  }

  private List<ReplicaEffect> onSnapshot(String sender, ReplicationMessage.Snapshot s) {
    if (!syncing
        || round == null
        || !s.round().equals(round)
        || !offers.keySet().containsAll(view.members())) {
      return List.of();
    }
    SyncDecision decision = SyncDecision.decide(round, offers);
    if (!decision.winner().equals(sender)) {
      return List.of();
    }
    List<ReplicaEffect> effects = new ArrayList<>(finishRound(decision));
    if (!cib.digest().equals(decision.digest())) {
      CibDocument installed = CibDocument.parse(s.xml(), "CIB from " + sender);
      cib = installed;
      effects.add(0, new ReplicaEffect.Installed(installed, decision));
    }
    return effects;
  }

  private List<ReplicaEffect> finishRound(SyncDecision decision) {
    syncing = false;
    patience = INITIAL_PATIENCE;
    live = true;
    return new ArrayList<>(List.of(new ReplicaEffect.Synced(decision)));
  }

  private List<ReplicaEffect> onCheck(String sender, ReplicationMessage.Check c) {
    if (syncing || sender.equals(node) || round == null || !c.round().equals(round)) {
      return List.of();
    }
    String mine = digests.get(c.index());
    if (mine == null || mine.equals(c.digest())) {
      return List.of();
    }
    return List.of(
        new ReplicaEffect.Broadcast(
            new ReplicationMessage.Resync(
                round,
                node
                    + " has digest "
                    + mine.substring(0, 12)
                    + " after write "
                    + c.index()
                    + " of round "
                    + round
                    + ", "
                    + sender
                    + " has "
                    + c.digest().substring(0, 12))));
  }
}
