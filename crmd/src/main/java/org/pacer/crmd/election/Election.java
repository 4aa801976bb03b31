package org.pacer.crmd.election;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.pacer.crmd.message.CrmdMessage.Vote;

/**
 * One election round per view of the {@code crmd} group.
 *
 * <p>Every member broadcasts one {@link Vote} when the view changes. The group delivers the same
 * votes in the same order to every member of the view, so once a member holds a vote from each
 * member it computes the same winner as everyone else: no second round, no waiting out a dead time.
 * A member that dies before voting causes a new view, and so a new round. A member that is in the
 * view but never votes (hung) is cut off by an {@code ElectionTimeout}: the first timeout vote
 * delivered in the round ends it for everyone at the same point of the order.
 *
 * <p>The winner is, in order of precedence:
 *
 * <ol>
 *   <li>the highest protocol version (an upgraded node leads a mixed cluster);
 *   <li>an incumbent DC (so a node joining does not move the DC, and when partitions merge one of
 *       their DCs stays);
 *   <li>the longest controller uptime (Pacemaker's rule: the longest-running node knows most);
 *   <li>the smallest node name (a total order, so there is always exactly one winner).
 * </ol>
 */
public final class Election {

  /** Best first. */
  public static final Comparator<Vote> PRECEDENCE =
      Comparator.comparingInt(Vote::version)
          .reversed()
          .thenComparing(Vote::incumbent, Comparator.reverseOrder())
          .thenComparing(Comparator.comparingLong(Vote::uptimeMs).reversed())
          .thenComparing(Vote::node);

  private long viewId = -1;
  private Set<String> members = Set.of();
  private final Map<String, Vote> votes = new LinkedHashMap<>();
  private String winner;

  /** Starts the round for a new view; the caller broadcasts {@code ownVote}. */
  public void start(long newViewId, Set<String> newMembers) {
    viewId = newViewId;
    members = Set.copyOf(newMembers);
    votes.clear();
    winner = null;
  }

  public long viewId() {
    return viewId;
  }

  /** The winner once decided, else null. */
  public String winner() {
    return winner;
  }

  public boolean decided() {
    return winner != null;
  }

  /** Records a delivered vote; returns the winner when this vote completes the round, else null. */
  public String offer(Vote vote) {
    if (winner != null || vote.viewId() != viewId || !members.contains(vote.node())) {
      return null;
    }
    votes.putIfAbsent(vote.node(), vote);
    if (votes.keySet().containsAll(members)) {
      return decide();
    }
    return null;
  }

  /**
   * A timeout was delivered for this round: decide among the votes delivered so far (there is at
   * least the timeout sender's own vote, since it voted before its timer could run).
   */
  public String cutOff(long roundViewId) {
    if (winner != null || roundViewId != viewId || votes.isEmpty()) {
      return null;
    }
    return decide();
  }

  /**
   * For the next view, when it only drops members of this decided round and keeps its winner: the
   * winner, which a full round would elect again (its vote is the only incumbent one, and it
   * outranked every remaining member's version); else null. Every member of that view computes the
   * same from the same delivered votes, and still votes, so a member that runs the full round
   * elects the same node.
   */
  public String keeps(Set<String> nextMembers) {
    if (winner == null
        || nextMembers.isEmpty()
        || !nextMembers.contains(winner)
        || !votes.keySet().containsAll(nextMembers)) {
      return null;
    }
    // The winner had the highest version of all these votes, so only incumbency can decide.
    return winner;
  }

  /** Ends the current round with a winner decided without its votes (see {@link #keeps}). */
  public void settle(String decided) {
    winner = decided;
  }

  /** Members that voted in this round. */
  public Set<String> voters() {
    return Set.copyOf(votes.keySet());
  }

  private String decide() {
    winner = votes.values().stream().min(PRECEDENCE).orElseThrow().node();
    return winner;
  }
}
