package org.pacer.membership.totem;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The sending side of packing and fragmentation: application messages wait here and leave as
 * frames, each at most one datagram's worth, holding several small messages or one piece of a large
 * one. A chunk is {@code msgId (8) | offset (4) | total (4) | length (4) | bytes}.
 *
 * <p>A message leaves the queue only when its last piece has been numbered. When the ring breaks in
 * the middle of one, {@link #rewind} starts it again from its first piece on the next ring:
 * receivers drop partial messages at every configuration change, so nothing is delivered twice and
 * nothing is lost.
 */
final class Framer {

  static final int CHUNK_HEADER = 20;

  private final Deque<byte[]> queue = new ArrayDeque<>();
  private long nextMsgId = 1;
  private long headMsgId;
  private int headOffset;
  private long queuedBytes;

  void submit(byte[] message) {
    queue.addLast(message);
    queuedBytes += message.length;
  }

  boolean hasPending() {
    return !queue.isEmpty();
  }

  int pendingMessages() {
    return queue.size();
  }

  long pendingBytes() {
    return queuedBytes;
  }

  /** Restarts a partly sent message from its first piece (the ring it was going to is gone). */
  void rewind() {
    headOffset = 0;
  }

  /** The next frame of at most {@code capacity} bytes, or null when nothing waits. */
  byte[] nextFrame(int capacity) {
    if (queue.isEmpty()) {
      return null;
    }
    ByteBuffer out = ByteBuffer.allocate(capacity);
    while (!queue.isEmpty() && out.remaining() > CHUNK_HEADER) {
      byte[] head = queue.peekFirst();
      if (headOffset == 0) {
        headMsgId = nextMsgId;
      }
      int len = Math.min(head.length - headOffset, out.remaining() - CHUNK_HEADER);
      if (len <= 0 && head.length > 0) {
        break;
      }
      out.putLong(headMsgId).putInt(headOffset).putInt(head.length).putInt(len);
      out.put(head, headOffset, len);
      headOffset += len;
      if (headOffset >= head.length) {
        queue.pollFirst();
        queuedBytes -= head.length;
        headOffset = 0;
        nextMsgId++;
      }
    }
    byte[] frame = new byte[out.position()];
    out.flip().get(frame);
    return frame;
  }
}
