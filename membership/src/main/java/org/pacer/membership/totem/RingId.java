package org.pacer.membership.totem;

/**
 * Names one ring (one installed membership). {@code seq} only grows on every node, across restarts
 * (see {@link RingSeqStore}); {@code rep} is the representative that created it, which makes ids
 * unique even when two partitions pick the same seq.
 */
public record RingId(long seq, int rep) implements Comparable<RingId> {

  @Override
  public int compareTo(RingId o) {
    int c = Long.compare(seq, o.seq);
    return c != 0 ? c : Integer.compareUnsigned(rep, o.rep);
  }

  @Override
  public String toString() {
    return Integer.toUnsignedString(rep) + "." + seq;
  }
}
