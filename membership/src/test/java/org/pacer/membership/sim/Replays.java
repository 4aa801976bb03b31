package org.pacer.membership.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.pacer.membership.totem.TotemPacket;

/**
 * Authentic packets an attacker on the network could have captured and replays later, as if from
 * their sender's address. Per kind of packet a uniform sample (reservoir) of every one the
 * simulation sent is kept, and a replay first picks a kind, so rare kinds (leaves, commit tokens)
 * are replayed as often as heartbeats. It draws from its own random source, so choosing what to
 * replay does not change the rest of a history.
 */
final class Replays {

  /** One captured packet and where it went. */
  record Captured(int from, int to, int link, TotemPacket packet) {}

  private static final int CAPACITY = 512;

  final Random random;
  private final Map<String, List<Captured>> samples = new TreeMap<>();
  private final Map<String, Long> seen = new TreeMap<>();

  Replays(long seed) {
    this.random = new Random(seed * 0x2545F4914F6CDD1DL + 13);
  }

  void captured(int from, int to, int link, TotemPacket p) {
    String kind = p.getClass().getSimpleName();
    List<Captured> sample = samples.computeIfAbsent(kind, k -> new ArrayList<>());
    long n = seen.merge(kind, 1L, Long::sum);
    if (sample.size() < CAPACITY) {
      sample.add(new Captured(from, to, link, p));
    } else {
      long i = (long) (random.nextDouble() * n);
      if (i < CAPACITY) {
        sample.set((int) i, new Captured(from, to, link, p));
      }
    }
  }

  /**
   * A captured packet to replay: usually to where it went, sometimes to another node of {@code n}
   * (never back to its sender); null while nothing was captured.
   */
  Captured pick(int n) {
    if (samples.isEmpty()) {
      return null;
    }
    List<List<Captured>> kinds = new ArrayList<>(samples.values());
    List<Captured> sample = kinds.get(random.nextInt(kinds.size()));
    Captured c = sample.get(random.nextInt(sample.size()));
    if (n > 2 && random.nextInt(4) == 0) {
      int to = 1 + random.nextInt(n);
      if (to != c.from()) {
        return new Captured(c.from(), to, c.link(), c.packet());
      }
    }
    return c;
  }
}
