package org.pacer.stonithd.coordination;

import java.util.List;

/**
 * One fencing operation in the fence history every node keeps.
 *
 * @param opId the operation id (origin node, incarnation, counter)
 * @param target the node fenced
 * @param action reboot, off or on
 * @param executor the node that ran the device that decided the result, or "" when none ran; for a
 *     manual confirmation, the node where the operator confirmed it
 * @param origin the node where the request was made
 * @param client the client that asked (e.g. pacer-crmd.1234, stonith_admin.99)
 * @param state successful, failed or pending
 * @param reason what happened, device by device where it matters
 * @param delegates clients of other requests for the same target merged into this one
 * @param requestedAt epoch ms at the origin
 * @param completedAt epoch ms at the node that decided the result, 0 while pending
 * @param manual true when an operator confirmed the node down instead of a device fencing it
 */
public record HistoryEntry(
    String opId,
    String target,
    String action,
    String executor,
    String origin,
    String client,
    FenceState state,
    String reason,
    List<String> delegates,
    long requestedAt,
    long completedAt,
    boolean manual) {

  public HistoryEntry {
    delegates = List.copyOf(delegates);
  }

  /** An operator's word that {@code target} is down, recorded as a successful off. */
  static HistoryEntry manualConfirmation(
      String opId, String target, String node, String client, long now) {
    return new HistoryEntry(
        opId,
        target,
        "off",
        node,
        node,
        client,
        FenceState.SUCCESS,
        "confirmed down manually by an operator",
        List.of(),
        now,
        now,
        true);
  }

  /** A merged request whose own timeout passed before the operation it joined finished. */
  static HistoryEntry mergedTimeout(FencingMessage.Request r, String into, long now) {
    return new HistoryEntry(
        r.opId(),
        r.target(),
        r.action(),
        "",
        r.origin(),
        r.client(),
        FenceState.FAILED,
        "timed out after "
            + r.timeoutMs()
            + " ms waiting for operation "
            + into
            + " it was merged into",
        List.of(),
        r.requestedAt(),
        now,
        false);
  }
}
