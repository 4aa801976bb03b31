package org.pacer.membership.api;

import java.util.List;

/** votequorum's view, as sent to clients (status, and pushes on the {@code quorum} topic). */
public record QuorumInfo(
    boolean quorate,
    List<Integer> members,
    int totalVotes,
    int expectedVotes,
    int quorum,
    boolean waitForAll) {}
