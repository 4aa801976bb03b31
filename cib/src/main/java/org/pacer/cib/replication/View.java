package org.pacer.cib.replication;

import java.util.List;

/**
 * One configuration of the {@code cib} process group: every member receives the same views, in the
 * same place of the message stream (virtual synchrony).
 *
 * @param id increases with every configuration change the group sees
 * @param members the members, in the group's agreed order
 */
public record View(long id, List<String> members) {
  public View {
    members = List.copyOf(members);
  }

  public boolean contains(String node) {
    return members.contains(node);
  }
}
