package org.pacer.membership.config;

import java.util.Map;

/**
 * The {@code totem { }} directive with Corosync 3's defaults applied (see docs/membership.md for
 * the source of each default). Timeouts are milliseconds as written; {@link #effectiveToken} and
 * {@link #effectiveConsensus} apply corosync's scaling by node count.
 *
 * @param consensusMs the configured consensus, or 0 when unset (then 1.2 × effective token)
 * @param tokenRetransmitMs the configured token_retransmit, or 0 when unset
 * @param holdMs the configured hold, or 0 when unset
 * @param linkPorts UDP port per link number ({@code interface { linknumber, mcastport }})
 */
public record TotemSettings(
    String clusterName,
    long tokenMs,
    long tokenCoefficientMs,
    long consensusMs,
    long joinMs,
    long mergeMs,
    long holdMs,
    long tokenRetransmitMs,
    int tokenRetransmitsBeforeLoss,
    long sendJoinMs,
    int failRecvConst,
    int maxMessages,
    int windowSize,
    int netmtu,
    String cryptoHash,
    String cryptoCipher,
    String transport,
    Map<Integer, Integer> linkPorts) {

  /** Corosync's well-known port; link N listens on {@code DEFAULT_PORT + N} unless configured. */
  public static final int DEFAULT_PORT = 5405;

  public TotemSettings {
    linkPorts = Map.copyOf(linkPorts);
  }

  /** token + (nodes − 2) × token_coefficient when the nodelist has at least 3 nodes. */
  public long effectiveToken(int nodeCount) {
    return nodeCount >= 3 ? tokenMs + (nodeCount - 2L) * tokenCoefficientMs : tokenMs;
  }

  public long effectiveConsensus(int nodeCount) {
    return consensusMs > 0 ? consensusMs : (long) (1.2 * effectiveToken(nodeCount));
  }

  public int port(int link) {
    return linkPorts.getOrDefault(link, DEFAULT_PORT + link);
  }

  /** True when packets are to be encrypted as well as authenticated. */
  public boolean encrypted() {
    return !"none".equals(cryptoCipher);
  }
}
