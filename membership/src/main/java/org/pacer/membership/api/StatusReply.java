package org.pacer.membership.api;

import java.util.List;
import java.util.Map;

/**
 * The answer to {@code status} on the membership socket: what {@code corosync-cfgtool -s} and
 * {@code corosync-quorumtool -s} show together.
 *
 * @param nodeId this node's id
 * @param node this node's name
 * @param state the ring protocol state: operational, gather, commit, recovery
 * @param ringId the current ring, {@code <representative>.<seq>}
 * @param members the ring's members
 * @param links every link to every other node of the nodelist
 * @param quorum votequorum's view
 * @param counters packet and protocol counters (drops by reason, retransmissions, ...)
 */
public record StatusReply(
    int nodeId,
    String node,
    String state,
    String ringId,
    List<Member> members,
    List<LinkState> links,
    QuorumInfo quorum,
    Map<String, Long> counters) {

  /** A ring member. */
  public record Member(int id, String name, String addr) {}

  /** One link to one node. */
  public record LinkState(int nodeId, String node, int link, String addr, boolean up) {}
}
