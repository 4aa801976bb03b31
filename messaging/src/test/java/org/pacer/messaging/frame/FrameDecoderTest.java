package org.pacer.messaging.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;
import org.pacer.messaging.envelope.Envelope;
import org.pacer.messaging.envelope.EnvelopeCodec;

class FrameDecoderTest {

  private final EnvelopeCodec codec = new EnvelopeCodec();

  @Test
  void envelopeSurvivesTheWireSplitAtEveryByte() {
    Envelope sent = Envelope.request(7, "cib.query", "tester", 123, TextNode.valueOf("body"));
    EmbeddedChannel out = new EmbeddedChannel(new EnvelopeEncoder(codec, 1024));
    out.writeOutbound(sent);
    ByteBuf wire = out.readOutbound();
    byte[] bytes = new byte[wire.readableBytes()];
    wire.readBytes(bytes);
    wire.release();
    EmbeddedChannel in = new EmbeddedChannel(new FrameDecoder(1024), new EnvelopeDecoder(codec));
    for (byte b : bytes) {
      in.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
    }
    assertEquals(sent, in.readInbound());
    assertNull(in.readInbound());
  }

  @Test
  void twoFramesInOneReadAreTwoEnvelopes() {
    EmbeddedChannel out = new EmbeddedChannel(new EnvelopeEncoder(codec, 1024));
    out.writeOutbound(Envelope.push(1, "a", "s", null), Envelope.push(2, "b", "s", null));
    ByteBuf both = Unpooled.wrappedBuffer(out.<ByteBuf>readOutbound(), out.<ByteBuf>readOutbound());
    EmbeddedChannel in = new EmbeddedChannel(new FrameDecoder(1024), new EnvelopeDecoder(codec));
    in.writeInbound(both);
    assertEquals("a", in.<Envelope>readInbound().type());
    assertEquals("b", in.<Envelope>readInbound().type());
  }

  @Test
  void oversizedLengthIsRefusedBeforeBuffering() {
    EmbeddedChannel in = new EmbeddedChannel(new FrameDecoder(100));
    ByteBuf buf = Unpooled.buffer().writeInt(101).writeByte(1);
    DecoderException e = assertThrows(DecoderException.class, () -> in.writeInbound(buf));
    assertTrue(e.getCause().getMessage().contains("exceeds the maximum of 100"), e.getMessage());
  }

  @Test
  void negativeLengthIsRefused() {
    EmbeddedChannel in = new EmbeddedChannel(new FrameDecoder(100));
    DecoderException e =
        assertThrows(DecoderException.class, () -> in.writeInbound(Unpooled.buffer().writeInt(-1)));
    assertTrue(e.getCause().getMessage().contains("4294967295"), e.getMessage());
  }

  @Test
  void encoderRefusesEnvelopeOverTheLimit() {
    EmbeddedChannel out = new EmbeddedChannel(new EnvelopeEncoder(codec, 50));
    Envelope big = Envelope.push(1, "t", "s", TextNode.valueOf("x".repeat(100)));
    Exception e = assertThrows(Exception.class, () -> out.writeOutbound(big));
    assertTrue(e.getMessage().contains("over the maximum frame size of 50"), e.getMessage());
  }
}
