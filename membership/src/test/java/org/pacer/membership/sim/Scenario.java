package org.pacer.membership.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.pacer.membership.totem.TotemTimeouts;

/**
 * One seed's simulated history: cluster size, links, timeouts, and a schedule of faults during a
 * fault phase, after which the network heals and every node is started again.
 */
final class Scenario {

  final long seed;
  final int nodes;
  final int links;
  final TotemTimeouts timeouts;
  final long faultPhaseEnd;
  final double submitRatePerSec;
  final String quorumOptions;

  /** False where votequorum promises no protection from split brain (two_node, LMS). */
  final boolean quorumExclusive;

  Scenario(long seed) {
    this.seed = seed;
    Random r = new Random(seed * 0x9E3779B97F4A7C15L + 7);
    int roll = r.nextInt(100);
    nodes = roll < 5 ? 6 + r.nextInt(11) : 2 + r.nextInt(4);
    links = r.nextInt(100) < 30 ? 2 : 1;
    long token = 500 + r.nextInt(4) * 250L;
    timeouts =
        new TotemTimeouts(
            token,
            (long) (token * 1.2),
            50,
            Math.min(180, token / 5),
            50,
            token / 8,
            token / 2,
            17,
            50,
            1500 - TotemTimeouts.OVERHEAD,
            2500);
    faultPhaseEnd = 4000 + r.nextInt(6_000);
    submitRatePerSec = nodes > 6 ? 20 : 40 + r.nextInt(60);
    StringBuilder q = new StringBuilder();
    boolean exclusive = true;
    if (r.nextInt(100) < 30) {
      q.append(" wait_for_all: 1\n");
    }
    if (r.nextInt(100) < 25) {
      q.append(" auto_tie_breaker: 1\n");
      if (r.nextBoolean()) {
        q.append(" auto_tie_breaker_node: highest\n");
      }
    }
    if (r.nextInt(100) < 10) {
      q.append(" last_man_standing: 1\n last_man_standing_window: 2000\n");
      exclusive = false;
    }
    if (nodes == 2 && r.nextInt(100) < 30) {
      q.append(" two_node: 1\n");
      exclusive = false;
    }
    quorumOptions = q.toString();
    quorumExclusive = exclusive;
  }

  /** How long after the heal every live node must be in one ring. */
  long convergenceBound() {
    // Nodes learn of each other within a heartbeat, may sit out one consensus timeout for a
    // member that died during the faults, then need a gather round and a recovery, and a node
    // that was mid-commit may first wait out a token timeout.
    return timeouts.heartbeatIntervalMs()
        + timeouts.heartbeatTimeoutMs()
        + 2 * timeouts.consensusMs()
        + 2 * timeouts.tokenMs()
        + 10 * timeouts.joinMs();
  }

  @Override
  public String toString() {
    return "seed="
        + seed
        + " nodes="
        + nodes
        + " links="
        + links
        + " token="
        + timeouts.tokenMs()
        + " faults-until="
        + faultPhaseEnd
        + " quorum=["
        + quorumOptions.strip().replace("\n", ",")
        + "]";
  }

  static List<Long> seeds(int count) {
    List<Long> s = new ArrayList<>();
    for (long i = 1; i <= count; i++) {
      s.add(i);
    }
    return s;
  }
}
