package org.pacer.membership.config;

import java.util.List;
import java.util.Optional;

/**
 * One {@code nodelist { node { ... } }} entry.
 *
 * @param nodeId the totem node id (nonzero)
 * @param name the node name ({@code name:}, else ring0_addr as corosync and pacemaker do)
 * @param addrs the address of each link, index = link number; null where a link is not set
 * @param votes quorum votes ({@code quorum_votes}, default 1)
 */
public record NodeEntry(int nodeId, String name, List<String> addrs, int votes) {
  public NodeEntry {
    addrs = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(addrs));
  }

  public Optional<String> addr(int link) {
    return link < addrs.size() ? Optional.ofNullable(addrs.get(link)) : Optional.empty();
  }
}
