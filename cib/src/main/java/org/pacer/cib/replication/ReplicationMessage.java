package org.pacer.cib.replication;

import java.time.Instant;
import java.util.Set;
import org.pacer.cib.document.CibVersion;
import org.pacer.cib.ops.CibWrite;
import org.pacer.cib.ops.WriteContext;

/** What cib daemons send each other through the group, in total order. */
public sealed interface ReplicationMessage {

  /**
   * A write accepted by {@code origin} for its client {@code requestId}. Everything the result
   * depends on travels with it (time, user, groups), so every node computes the same result. It
   * also carries the digest the origin reached after the last write it applied ({@code check}, null
   * right after a round), which every member compares with its own: checks ride on writes rather
   * than costing a message each.
   */
  record Write(
      String origin,
      long requestId,
      CibWrite write,
      String user,
      String client,
      Instant time,
      CibVersion basedOn,
      int maxWriteBytes,
      Set<String> groups,
      Check check)
      implements ReplicationMessage {

    static Write of(String origin, long requestId, CibWrite write, WriteContext ctx, Check check) {
      return new Write(
          origin,
          requestId,
          write,
          ctx.user(),
          ctx.client(),
          ctx.time(),
          ctx.basedOn(),
          ctx.maxWriteBytes(),
          ctx.groups() == null ? Set.of() : ctx.groups(),
          check);
    }

    WriteContext context() {
      return new WriteContext(user, client, origin, time, basedOn, maxWriteBytes, groups);
    }
  }

  /**
   * Sent by a write's origin after applying it: the digest every copy should have at write {@code
   * index} of the round. A copy that differs asks for a resync.
   */
  record Check(Round round, long index, CibVersion version, String digest)
      implements ReplicationMessage {}

  /**
   * Sent by the coordinator (the first member of the view) after a configuration change or a resync
   * request: every member answers with an {@link Offer} of its copy as it stands at this point of
   * the total order.
   */
  record StartRound(Round round) implements ReplicationMessage {}

  /**
   * A member's copy, offered at the start of a round.
   *
   * @param live false when the copy was just read from disk and has not yet been part of a cluster:
   *     at an equal version a live copy is preferred, since the disk holds no status
   */
  record Offer(Round round, CibVersion version, String digest, boolean live)
      implements ReplicationMessage {}

  /** The winner's whole CIB for the round. */
  record Snapshot(Round round, CibVersion version, String xml) implements ReplicationMessage {}

  /** A member found its copy differs from another's: the coordinator starts a new round. */
  record Resync(Round round, String reason) implements ReplicationMessage {}
}
