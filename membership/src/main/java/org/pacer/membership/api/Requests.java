package org.pacer.membership.api;

/** Request types and push topics of the membership socket ({@code <run>/membership.sock}). */
public final class Requests {

  /** Answers a {@link StatusReply}. */
  public static final String STATUS = "status";

  /** Answers a {@link QuorumInfo}. */
  public static final String QUORUM = "quorum.get";

  /** Body {@link SetExpected}: corosync-quorumtool -e. Answers the new {@link QuorumInfo}. */
  public static final String SET_EXPECTED = "quorum.set_expected";

  /** Push topic: a {@link QuorumInfo} on every quorum change. */
  public static final String QUORUM_TOPIC = "quorum";

  /** Push topic: a {@link RingChange} on every configuration change. */
  public static final String RING_TOPIC = "ring";

  /** The socket name: {@code NodePaths.socket(SOCKET)}. */
  public static final String SOCKET = "membership";

  private Requests() {}

  public record SetExpected(int votes) {}

  /** A ring configuration change as pushed on {@link #RING_TOPIC}. */
  public record RingChange(
      String ringId,
      boolean transitional,
      java.util.List<Integer> members,
      java.util.List<Integer> left,
      java.util.List<Integer> joined) {}
}
