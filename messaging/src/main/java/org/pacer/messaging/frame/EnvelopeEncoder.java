package org.pacer.messaging.frame;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.util.function.IntSupplier;
import org.pacer.messaging.envelope.Envelope;
import org.pacer.messaging.envelope.EnvelopeCodec;

/**
 * Writes an envelope as one frame. An envelope larger than the peer's frame limit fails the write
 * (the caller's promise) instead of being sent and making the peer drop the connection.
 */
@ChannelHandler.Sharable
public final class EnvelopeEncoder extends MessageToByteEncoder<Envelope> {

  private final EnvelopeCodec codec;
  private final IntSupplier maxFrameBytes;

  public EnvelopeEncoder(EnvelopeCodec codec, int maxFrameBytes) {
    this(codec, () -> maxFrameBytes);
  }

  /**
   * An encoder whose limit can change: a client learns the server's limit from the HELLO answer, so
   * an oversized request fails on the client instead of costing the connection.
   */
  public EnvelopeEncoder(EnvelopeCodec codec, IntSupplier maxFrameBytes) {
    this.codec = codec;
    this.maxFrameBytes = maxFrameBytes;
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, Envelope envelope, ByteBuf out)
      throws FrameException {
    byte[] bytes = codec.encode(envelope);
    int limit = maxFrameBytes.getAsInt();
    if (bytes.length > limit) {
      throw new FrameException(
          "message '"
              + envelope.type()
              + "' is "
              + bytes.length
              + " bytes, over the maximum frame size of "
              + limit);
    }
    out.writeInt(bytes.length);
    out.writeBytes(bytes);
  }
}
