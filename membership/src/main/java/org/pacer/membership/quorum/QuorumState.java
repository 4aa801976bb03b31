package org.pacer.membership.quorum;

import java.util.List;

/**
 * What {@code corosync-quorumtool -s} shows.
 *
 * @param quorate whether this partition may run services
 * @param members the nodes of the current configuration
 * @param totalVotes the votes of those nodes
 * @param expectedVotes the expected votes in force (configured, raised, or lowered at run time)
 * @param quorum the votes needed
 * @param waitingForAll true while wait_for_all has not yet seen every node at once
 */
public record QuorumState(
    boolean quorate,
    List<Integer> members,
    int totalVotes,
    int expectedVotes,
    int quorum,
    boolean waitingForAll) {
  public QuorumState {
    members = List.copyOf(members);
  }
}
