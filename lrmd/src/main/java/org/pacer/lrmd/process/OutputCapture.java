package org.pacer.lrmd.process;

import java.util.Arrays;

/**
 * Keeps the first and the last {@code limit} bytes of a stream and counts the rest, so an agent
 * that prints 10 MB costs at most {@code 2 * limit} bytes of memory. Meta-data (read from the head)
 * and exit reasons and error messages (usually at the tail) both survive truncation.
 *
 * <p>One thread writes (the stream reader); any thread may take a {@link #snapshot()}.
 */
public final class OutputCapture {

  private final int limit;
  private byte[] head = new byte[0];
  private int headLength;
  private byte[] ring;
  private int ringStart;
  private int ringLength;
  private long total;

  public OutputCapture(int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("capture limit must be positive: " + limit);
    }
    this.limit = limit;
  }

  public synchronized void write(byte[] bytes, int offset, int length) {
    total += length;
    int toHead = Math.min(length, limit - headLength);
    if (toHead > 0) {
      if (head.length < headLength + toHead) {
        // Grow geometrically but never past the limit: small outputs stay small.
        int size = Math.min(limit, Math.max(headLength + toHead, Math.max(256, head.length * 2)));
        head = Arrays.copyOf(head, size);
      }
      System.arraycopy(bytes, offset, head, headLength, toHead);
      headLength += toHead;
      offset += toHead;
      length -= toHead;
    }
    if (length > 0) {
      appendToRing(bytes, offset, length);
    }
  }

  private void appendToRing(byte[] bytes, int offset, int length) {
    if (ring == null) {
      ring = new byte[limit];
    }
    if (length >= limit) {
      System.arraycopy(bytes, offset + length - limit, ring, 0, limit);
      ringStart = 0;
      ringLength = limit;
      return;
    }
    for (int i = 0; i < length; i++) {
      int position = (ringStart + ringLength) % limit;
      ring[position] = bytes[offset + i];
      if (ringLength < limit) {
        ringLength++;
      } else {
        ringStart = (ringStart + 1) % limit;
      }
    }
  }

  /** What has been captured so far. */
  public synchronized CapturedOutput snapshot() {
    byte[] tail = new byte[ringLength];
    for (int i = 0; i < ringLength; i++) {
      tail[i] = ring[(ringStart + i) % limit];
    }
    return new CapturedOutput(Arrays.copyOf(head, headLength), tail, total);
  }
}
