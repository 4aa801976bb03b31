package org.pacer.cib.replication;

import java.util.List;

/**
 * One configuration of the {@code cib} process group: every member receives the same views, in the
 * same place of the message stream (virtual synchrony).
 *
 * @param id counts the configuration changes this member has seen (for logs only: members that
 *     joined at different times count differently, so nothing is decided by it)
 * @param members the members; every member of the view sees the same list
 */
public record View(long id, List<String> members) {
  public View {
    members = List.copyOf(members);
  }

  public boolean contains(String node) {
    return members.contains(node);
  }

  /**
   * Whether {@code node} starts rounds: the first name in sort order, the same for every member. An
   * empty view (this member's own group membership was lost, until it joins again) has none.
   */
  public boolean isCoordinator(String node) {
    return members.stream().sorted().findFirst().map(node::equals).orElse(false);
  }
}
