package org.pacer.membership.totem;

import org.pacer.membership.config.ClusterConfig;
import org.pacer.membership.config.TotemSettings;

/**
 * The numbers the protocol runs by, derived from corosync.conf's totem section.
 *
 * @param tokenMs token loss timeout (already scaled by token_coefficient)
 * @param consensusMs how long gather waits for agreement before declaring the silent failed
 * @param joinMs interval between join messages; also the shortest gather
 * @param holdMs how long the representative holds the token when the ring is idle
 * @param tokenRetransmitMs resend the token after this long without an acknowledgement
 * @param heartbeatIntervalMs how often each link is tested
 * @param heartbeatTimeoutMs a link silent this long is down; a node with every link down is lost
 * @param maxMessages messages one node may send per token visit
 * @param windowSize messages the whole ring may send per rotation
 * @param frameBytes bytes of application data per ordered message (netmtu minus headers)
 * @param failRecvConst token rotations a missing message may stay missing before the ring reforms
 */
public record TotemTimeouts(
    long tokenMs,
    long consensusMs,
    long joinMs,
    long holdMs,
    long tokenRetransmitMs,
    long heartbeatIntervalMs,
    long heartbeatTimeoutMs,
    int maxMessages,
    int windowSize,
    int frameBytes,
    int failRecvConst) {

  /** Packet header, sealing (HMAC, GCM nonce and tag) and framing overhead kept out of netmtu. */
  public static final int OVERHEAD = 160;

  public static TotemTimeouts from(ClusterConfig config) {
    TotemSettings t = config.totem();
    long token = config.tokenMs();
    long retransmit =
        t.tokenRetransmitMs() > 0
            ? t.tokenRetransmitMs()
            : Math.max(30, (long) (token / (t.tokenRetransmitsBeforeLoss() + 0.2)));
    // Acknowledged hops let us resend a lost token long before corosync's token_retransmit.
    long ackWait = Math.min(retransmit, Math.max(10, t.joinMs()));
    long hold = t.holdMs() > 0 ? t.holdMs() : Math.min(180, Math.max(1, retransmit * 8 / 10));
    return new TotemTimeouts(
        token,
        config.consensusMs(),
        t.joinMs(),
        hold,
        ackWait,
        Math.max(10, token / 8),
        Math.max(40, token * 3 / 4),
        t.maxMessages(),
        t.windowSize(),
        t.netmtu() - OVERHEAD,
        t.failRecvConst());
  }
}
