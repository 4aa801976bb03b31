package org.pacer.membership.sim;

import java.util.Arrays;
import java.util.Random;

/**
 * The simulated network's faults, all drawn from the simulation's seeded random source: loss,
 * duplication, delay (and so reordering), partitions, and links that are cut for one node only.
 */
final class SimNetwork {

  double loss;
  double duplication;
  long minDelay = 0;
  long maxDelay = 2;

  /** Probability of a much longer delay (a packet overtaken by many others). */
  double spike;

  /** Partition id per node (index = node index); nodes in different partitions hear nothing. */
  int[] partition;

  /** cut[node][link]: that link of that node carries nothing. */
  boolean[][] cut;

  SimNetwork(int nodes, int links) {
    partition = new int[nodes];
    cut = new boolean[nodes][links];
  }

  boolean connected(int a, int b, int link) {
    return partition[a] == partition[b] && !cut[a][link] && !cut[b][link];
  }

  void heal() {
    Arrays.fill(partition, 0);
    for (boolean[] c : cut) {
      Arrays.fill(c, false);
    }
    loss = 0;
    duplication = 0;
    spike = 0;
  }

  /** Delivery delays for one packet: empty when lost, two when duplicated. */
  long[] delays(Random r) {
    if (r.nextDouble() < loss) {
      return new long[0];
    }
    int copies = r.nextDouble() < duplication ? 2 : 1;
    long[] d = new long[copies];
    for (int i = 0; i < copies; i++) {
      d[i] = minDelay + (maxDelay > minDelay ? r.nextInt((int) (maxDelay - minDelay + 1)) : 0);
      if (r.nextDouble() < spike) {
        d[i] += 5 + r.nextInt(60);
      }
    }
    return d;
  }
}
