package org.pacer.membership.quorum;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pacer.membership.config.ClusterConfig;
import org.pacer.membership.config.NodeEntry;
import org.pacer.membership.config.QuorumSettings;
import org.pacer.membership.totem.TotemEffect.ConfigChange;

/**
 * votequorum(5) as a pure state machine over the ring. Votes come from the nodelist (the same file
 * on every node); what can change at run time (expected votes, and whether wait_for_all has been
 * satisfied) travels through the ring, so every node of a configuration computes the same answer at
 * the same point of the stream.
 *
 * <ul>
 *   <li>quorum = expected / 2 + 1, where expected is the highest of the configured or set value,
 *       the values the members report, and the votes present;
 *   <li>two_node: with two nodes, quorum is 1 (and wait_for_all defaults on);
 *   <li>wait_for_all: never quorate until every node of the nodelist has been in one configuration
 *       at once, or a member that has seen that says so;
 *   <li>last_man_standing: after the window with an unchanged quorate membership, expected votes
 *       drop to the votes present;
 *   <li>auto_tie_breaker: exactly half the expected votes is quorate where the tie-breaker node
 *       (lowest, highest, or the first listed one that was present) is.
 * </ul>
 */
public final class VoteQuorum {

  /** What the quorum layer asks of its driver. */
  public sealed interface Output permits Submit, Changed, ArmLmsTimer {}

  public record Submit(byte[] message) implements Output {}

  public record Changed(QuorumState state) implements Output {}

  /** Arm (delay &gt; 0) or cancel (delay 0) the last_man_standing timer. */
  public record ArmLmsTimer(long delayMs) implements Output {}

  private static final byte NODE_STATE = 1;
  private static final byte SET_EXPECTED = 2;

  private final int self;
  private final QuorumSettings settings;
  private final Map<Integer, Integer> votes = new TreeMap<>();
  private final int nodeCount;
  private int expected;
  private boolean wfaSatisfied;
  private List<Integer> members = List.of();
  private List<Integer> previousTie = List.of();
  private QuorumState state;
  private List<Output> out = new ArrayList<>();

  public VoteQuorum(int self, ClusterConfig config) {
    this.self = self;
    this.settings = config.quorum();
    for (NodeEntry n : config.nodes()) {
      votes.put(n.nodeId(), n.votes());
    }
    this.nodeCount = config.nodes().size();
    this.expected = config.expectedVotes();
    this.wfaSatisfied = !settings.waitForAll();
    this.state = compute();
  }

  public QuorumState state() {
    return state;
  }

  public List<Output> onConfigChange(ConfigChange c) {
    if (c.transitional()) {
      return drain();
    }
    previousTie = members;
    members = c.members();
    if (members.size() == nodeCount) {
      wfaSatisfied = true;
    }
    ByteBuffer b = ByteBuffer.allocate(6);
    b.put(NODE_STATE).putInt(expected).put((byte) (wfaSatisfied ? 1 : 0));
    out.add(new Submit(b.array()));
    update();
    return drain();
  }

  public List<Output> onDeliver(int origin, byte[] message) {
    if (message.length < 5) {
      return drain();
    }
    ByteBuffer b = ByteBuffer.wrap(message);
    byte type = b.get();
    int value = b.getInt();
    if (type == NODE_STATE && members.contains(origin) && message.length >= 6) {
      // A member that was in a bigger cluster brings its higher expected votes along, and one
      // that has seen every node lifts wait_for_all for everyone it is with now.
      expected = Math.max(expected, value);
      if (b.get() != 0) {
        wfaSatisfied = true;
      }
    } else if (type == SET_EXPECTED && value >= 1) {
      expected = value;
    }
    update();
    return drain();
  }

  /** Sets expected votes at run time (corosync-quorumtool -e). */
  public List<Output> setExpectedVotes(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("expected votes must be at least 1");
    }
    out.add(new Submit(ByteBuffer.allocate(5).put(SET_EXPECTED).putInt(value).array()));
    return drain();
  }

  /**
   * The last_man_standing window passed without a change: lower expected votes to those present.
   */
  public List<Output> onLmsTimer() {
    if (settings.lastManStanding()
        && state.quorate()
        && !members.isEmpty()
        && members.get(0) == self
        && totalVotes() < expected) {
      out.add(new Submit(ByteBuffer.allocate(5).put(SET_EXPECTED).putInt(totalVotes()).array()));
    }
    return drain();
  }

  private int totalVotes() {
    int t = 0;
    for (int m : members) {
      t += votes.getOrDefault(m, 0);
    }
    return t;
  }

  private void update() {
    QuorumState next = compute();
    if (!next.equals(state)) {
      boolean armLms =
          settings.lastManStanding() && next.quorate() && next.totalVotes() < next.expectedVotes();
      state = next;
      out.add(new Changed(next));
      out.add(new ArmLmsTimer(armLms ? settings.lastManStandingWindowMs() : 0));
    }
  }

  private QuorumState compute() {
    int total = totalVotes();
    int exp = Math.max(expected, total);
    int quorum = exp / 2 + 1;
    boolean twoNode = settings.twoNode() && nodeCount == 2;
    if (twoNode) {
      quorum = 1;
    }
    boolean quorate = total >= quorum;
    if (!quorate && settings.autoTieBreaker() && total * 2 == exp && holdsTieBreaker()) {
      quorate = true;
    }
    boolean waiting = !wfaSatisfied;
    if (waiting) {
      quorate = false;
    }
    if (!settings.enabled()) {
      quorate = true; // no quorum provider: corosync reports quorate
    }
    return new QuorumState(quorate && !members.isEmpty(), members, total, exp, quorum, waiting);
  }

  private boolean holdsTieBreaker() {
    List<Integer> list = settings.tieBreakerNodes();
    if (list.isEmpty()) {
      return members.contains(votes.keySet().iterator().next());
    }
    if (list.size() == 1 && list.get(0) == QuorumSettings.HIGHEST) {
      int highest = 0;
      for (int n : votes.keySet()) {
        highest = Math.max(highest, n);
      }
      return members.contains(highest);
    }
    for (int n : list) {
      if (members.contains(n) || previousTie.contains(n)) {
        return members.contains(n);
      }
    }
    return false;
  }

  private List<Output> drain() {
    List<Output> r = out;
    out = new ArrayList<>();
    return r;
  }
}
