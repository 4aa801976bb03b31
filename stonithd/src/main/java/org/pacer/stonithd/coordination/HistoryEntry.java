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
}
