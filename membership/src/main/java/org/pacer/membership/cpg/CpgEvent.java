package org.pacer.membership.cpg;

import java.util.List;

/** What a process-group member is told. */
public sealed interface CpgEvent permits CpgEvent.Deliver, CpgEvent.ConfChg {

  /** Why a member joined or left. */
  enum Reason {
    JOIN,
    LEAVE,
    NODEDOWN,
    NODEUP,
    PROCDOWN
  }

  record Change(ProcessId member, Reason reason) {}

  /** A message sent to the group, in the group's agreed order. */
  record Deliver(String group, ProcessId sender, byte[] payload) implements CpgEvent {}

  /** The group's membership changed; {@code members} is the new membership, sorted. */
  record ConfChg(String group, List<ProcessId> members, List<Change> joined, List<Change> left)
      implements CpgEvent {
    public ConfChg {
      members = List.copyOf(members);
      joined = List.copyOf(joined);
      left = List.copyOf(left);
    }
  }
}
