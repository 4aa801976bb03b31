package org.pacer.membership.config;

import java.util.List;

/**
 * The {@code quorum { }} directive (votequorum(5)).
 *
 * @param expectedVotes quorum.expected_votes, or 0 when unset (then the nodelist's vote sum)
 * @param twoNode two_node
 * @param waitForAll wait_for_all, already defaulted to two_node when unset
 * @param tieBreakerNodes auto_tie_breaker_node: empty = lowest, [-1] = highest, else the ids in
 *     order of preference
 */
public record QuorumSettings(
    String provider,
    int expectedVotes,
    boolean twoNode,
    boolean waitForAll,
    boolean lastManStanding,
    long lastManStandingWindowMs,
    boolean autoTieBreaker,
    List<Integer> tieBreakerNodes) {

  public static final int HIGHEST = -1;

  public QuorumSettings {
    tieBreakerNodes = List.copyOf(tieBreakerNodes);
  }

  public boolean enabled() {
    return "corosync_votequorum".equals(provider);
  }
}
