package org.pacer.membership.totem;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The receiving side of {@link Framer}: unpacks frames in delivery order and rebuilds fragmented
 * messages per origin. A piece that does not continue the partial message (a hole the ring could
 * not fill) drops that partial message; {@link #reset} drops all of them at a configuration change.
 * Every member sees the same stream, so every member drops the same ones.
 */
final class Assembler {

  private static final class Partial {
    long msgId;
    byte[] data;
    int filled;
  }

  private final Map<Integer, Partial> partial = new HashMap<>();

  /** Unpacks one delivered frame; complete messages go to {@code out}. */
  void accept(int origin, byte[] frame, BiConsumer<Integer, byte[]> out) {
    ByteBuffer in = ByteBuffer.wrap(frame);
    try {
      while (in.remaining() >= Framer.CHUNK_HEADER) {
        long msgId = in.getLong();
        int offset = in.getInt();
        int total = in.getInt();
        int len = in.getInt();
        if (total < 0 || len < 0 || offset < 0 || offset + len > total || len > in.remaining()) {
          return;
        }
        if (offset == 0 && len == total) {
          partial.remove(origin);
          byte[] whole = new byte[len];
          in.get(whole);
          out.accept(origin, whole);
          continue;
        }
        Partial p = partial.get(origin);
        if (offset == 0) {
          p = new Partial();
          p.msgId = msgId;
          p.data = new byte[total];
          partial.put(origin, p);
        } else if (p == null || p.msgId != msgId || p.filled != offset || p.data.length != total) {
          partial.remove(origin);
          in.position(in.position() + len);
          continue;
        }
        in.get(p.data, offset, len);
        p.filled += len;
        if (p.filled == total) {
          partial.remove(origin);
          out.accept(origin, p.data);
        }
      }
    } catch (BufferUnderflowException e) {
      // A frame that passed authentication is well formed; nothing more to salvage here.
    }
  }

  void reset() {
    partial.clear();
  }
}
