package org.pacer.messaging.frame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;
import org.pacer.messaging.envelope.EnvelopeCodec;
import org.pacer.messaging.envelope.MalformedEnvelopeException;

/** Turns each frame into an {@link org.pacer.messaging.envelope.Envelope}. */
public final class EnvelopeDecoder extends MessageToMessageDecoder<ByteBuf> {

  private final EnvelopeCodec codec;

  public EnvelopeDecoder(EnvelopeCodec codec) {
    this.codec = codec;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out)
      throws FrameException {
    try {
      out.add(codec.decode(ByteBufUtil.getBytes(frame)));
    } catch (MalformedEnvelopeException e) {
      throw new FrameException(e.getMessage());
    }
  }
}
