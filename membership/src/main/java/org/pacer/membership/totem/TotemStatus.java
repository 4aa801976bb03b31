package org.pacer.membership.totem;

import java.util.List;
import java.util.Map;

/** What {@code corosync-cfgtool -s} would show for this node. */
public record TotemStatus(
    int self,
    String state,
    RingId ring,
    List<Integer> members,
    List<Link> links,
    int queuedMessages,
    Map<String, Long> counters) {

  public TotemStatus {
    members = List.copyOf(members);
    links = List.copyOf(links);
    counters = Map.copyOf(counters);
  }

  /** One link to one other node. */
  public record Link(int node, int link, boolean up) {}
}
