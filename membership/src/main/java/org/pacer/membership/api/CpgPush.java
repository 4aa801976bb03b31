package org.pacer.membership.api;

import java.util.List;

/**
 * One event for a process-group client, pushed on its topic.
 *
 * @param kind {@code deliver} or {@code confchg}
 * @param seq counts this client's events from 1, so a client can tell it missed one (a lost
 *     connection) and must rejoin
 * @param sender for deliver: who sent it
 * @param payload for deliver: the message
 * @param members for confchg: the group after the change
 * @param joined for confchg: who joined, and why
 * @param left for confchg: who left, and why (leave, nodedown, procdown)
 */
public record CpgPush(
    String kind,
    long seq,
    String group,
    GroupMember sender,
    byte[] payload,
    List<GroupMember> members,
    List<GroupChange> joined,
    List<GroupChange> left) {

  /** What one push carries: the client's events from one step of the daemon, in order. */
  public record Batch(List<CpgPush> events) {}

  /** A member: a client on a node. */
  public record GroupMember(int nodeId, String node, long pid) {}

  public record GroupChange(GroupMember member, String reason) {}
}
