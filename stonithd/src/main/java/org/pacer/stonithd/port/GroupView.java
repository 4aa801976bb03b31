package org.pacer.stonithd.port;

import java.util.List;

/**
 * One configuration of the {@code stonithd} process group, delivered at the same point of the
 * agreed message order on every member (virtual synchrony).
 *
 * @param viewId increases with every configuration
 * @param members every member after the change, sorted
 * @param left members that left (or were lost) with this change
 * @param joined members that joined with this change
 */
public record GroupView(long viewId, List<String> members, List<String> left, List<String> joined) {
  public GroupView {
    members = List.copyOf(members.stream().sorted().toList());
    left = List.copyOf(left);
    joined = List.copyOf(joined);
  }
}
