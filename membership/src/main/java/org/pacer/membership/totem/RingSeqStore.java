package org.pacer.membership.totem;

/**
 * Where the highest ring seq this node has seen survives a restart, so that a restarted node never
 * creates or accepts a ring id lower than one it already used (which would let stale packets of
 * that old ring be taken for current ones).
 */
public interface RingSeqStore {

  /** The highest seq stored, or 0 on first start. */
  long load();

  /** Stores {@code seq}; it must be durable before this returns. */
  void store(long seq);

  /** A store that forgets on restart: for tests that do not restart nodes. */
  static RingSeqStore inMemory() {
    return new RingSeqStore() {
      private long seq;

      @Override
      public long load() {
        return seq;
      }

      @Override
      public void store(long s) {
        seq = s;
      }
    };
  }
}
