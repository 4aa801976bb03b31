package org.pacer.membership.config;

import java.util.List;
import java.util.Optional;

/** A corosync.conf read and checked: what the membership daemon runs from. */
public record ClusterConfig(
    String file,
    TotemSettings totem,
    List<NodeEntry> nodes,
    QuorumSettings quorum,
    LoggingSettings logging,
    List<ConfWarning> warnings) {

  public ClusterConfig {
    nodes = List.copyOf(nodes);
    warnings = List.copyOf(warnings);
  }

  public Optional<NodeEntry> node(int nodeId) {
    return nodes.stream().filter(n -> n.nodeId() == nodeId).findFirst();
  }

  public Optional<NodeEntry> nodeNamed(String name) {
    return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
  }

  /** How many links the nodelist uses (highest ringX_addr + 1). */
  public int linkCount() {
    return nodes.stream().mapToInt(n -> n.addrs().size()).max().orElse(0);
  }

  public long tokenMs() {
    return totem.effectiveToken(nodes.size());
  }

  public long consensusMs() {
    return totem.effectiveConsensus(nodes.size());
  }

  /** expected_votes from the quorum section, else the nodelist's vote sum. */
  public int expectedVotes() {
    return quorum.expectedVotes() > 0
        ? quorum.expectedVotes()
        : nodes.stream().mapToInt(NodeEntry::votes).sum();
  }
}
