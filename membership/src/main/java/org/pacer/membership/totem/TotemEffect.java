package org.pacer.membership.totem;

import java.util.List;

/** What the protocol asks its driver to do. The driver carries these out in order. */
public sealed interface TotemEffect
    permits TotemEffect.Send,
        TotemEffect.SendOnLink,
        TotemEffect.SetTimer,
        TotemEffect.CancelTimer,
        TotemEffect.Deliver,
        TotemEffect.ConfigChange,
        TotemEffect.LinkChange {

  /** Send a packet to a node on every link it has (the receiver keeps the first copy). */
  record Send(int to, TotemPacket packet) implements TotemEffect {}

  /** Send a packet to a node on one link only (heartbeats, which test each link). */
  record SendOnLink(int to, int link, TotemPacket packet) implements TotemEffect {}

  /** Arm (or re-arm) the timer of this kind to fire at {@code at} (driver clock, ms). */
  record SetTimer(TimerKind kind, long at) implements TotemEffect {}

  record CancelTimer(TimerKind kind) implements TotemEffect {}

  /** An application message, in agreed order, from node {@code origin}. */
  record Deliver(int origin, byte[] payload) implements TotemEffect {}

  /**
   * A configuration change, delivered in the message stream. A transitional configuration (the
   * members of the new ring that were also in the old one) comes first, after the old ring's
   * messages that every survivor can deliver in the old order; the old ring's remaining messages
   * follow, then the regular configuration of the new ring.
   *
   * @param ring the new ring's id (for a transitional configuration too)
   * @param members the members, sorted
   * @param left members of the previous configuration that are not in this one
   * @param joined members of this configuration that were not in the previous one
   */
  record ConfigChange(
      boolean transitional,
      RingId ring,
      List<Integer> members,
      List<Integer> left,
      List<Integer> joined)
      implements TotemEffect {
    public ConfigChange {
      members = List.copyOf(members);
      left = List.copyOf(left);
      joined = List.copyOf(joined);
    }
  }

  /** A link to a node came up or went down. */
  record LinkChange(int node, int link, boolean up) implements TotemEffect {}
}
