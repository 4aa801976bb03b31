package org.pacer.messaging.rpc;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import org.pacer.messaging.envelope.Envelope;

/** The client side of one connection: hands envelopes and the end of the connection over. */
final class ClientConnection extends SimpleChannelInboundHandler<Envelope> {

  private final MessageClient client;
  private String closeReason = "server closed the connection";

  ClientConnection(MessageClient client) {
    this.client = client;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Envelope envelope) {
    client.onEnvelope(ctx.channel(), envelope);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable root =
        cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    closeReason = root.getMessage() == null ? root.toString() : root.getMessage();
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    client.onClosed(ctx.channel(), closeReason);
    super.channelInactive(ctx);
  }
}
