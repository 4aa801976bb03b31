package org.pacer.messaging.frame;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits a byte stream into frames: a 4-byte big-endian length, then that many bytes. A length
 * beyond the configured maximum (or negative) is a {@link FrameException} before any of the frame
 * is buffered, so garbage bytes or a hostile peer cannot make the server allocate memory. A peer
 * that disconnects in the middle of a frame is reported too, rather than silently ignored.
 */
public final class FrameDecoder extends ByteToMessageDecoder {

  /** Bytes of the length prefix. */
  public static final int HEADER_BYTES = 4;

  private final int maxFrameBytes;

  public FrameDecoder(int maxFrameBytes) {
    if (maxFrameBytes <= 0) {
      throw new IllegalArgumentException("maxFrameBytes must be positive: " + maxFrameBytes);
    }
    this.maxFrameBytes = maxFrameBytes;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out)
      throws FrameException {
    while (in.readableBytes() >= HEADER_BYTES) {
      int length = in.getInt(in.readerIndex());
      if (length < 0 || length > maxFrameBytes) {
        in.skipBytes(in.readableBytes());
        throw new FrameException(
            "frame length "
                + Integer.toUnsignedString(length)
                + " exceeds the maximum of "
                + maxFrameBytes
                + " bytes");
      }
      if (in.readableBytes() < HEADER_BYTES + length) {
        return;
      }
      in.skipBytes(HEADER_BYTES);
      out.add(in.readRetainedSlice(length));
    }
  }

  @Override
  protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out)
      throws FrameException {
    decode(ctx, in, out);
    if (in.isReadable()) {
      int have = in.readableBytes();
      String detail =
          have >= HEADER_BYTES
              ? (have - HEADER_BYTES) + " of " + in.getInt(in.readerIndex()) + " frame bytes"
              : have + " of " + HEADER_BYTES + " length bytes";
      in.skipBytes(have);
      throw new FrameException("peer disconnected in the middle of a frame (" + detail + ")");
    }
  }
}
