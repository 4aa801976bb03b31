package org.pacer.messaging.datagram;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import org.pacer.messaging.logging.RateLimitedLog;
import org.pacer.messaging.transport.EventLoops;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP transport of the membership ring: every packet sent is sealed, every packet received is
 * opened before the listener sees it. A packet that fails (garbage, truncated, another cluster's
 * key, tampered) is dropped, counted by reason, and logged at a bounded rate.
 */
public final class DatagramTransport implements AutoCloseable {

  /** The largest UDP payload over IPv4. */
  public static final int MAX_DATAGRAM_BYTES = 65507;

  private static final Logger log = LoggerFactory.getLogger(DatagramTransport.class);

  private final Channel channel;
  private final PacketSealer sealer;
  private final PacketCounters counters;

  private DatagramTransport(Channel channel, PacketSealer sealer, PacketCounters counters) {
    this.channel = channel;
    this.sealer = sealer;
    this.counters = counters;
  }

  /**
   * Binds a UDP socket.
   *
   * @param local the address and port to bind (port 0 picks one)
   * @param clock for the rate limit of drop logs
   */
  public static DatagramTransport bind(
      EventLoops loops,
      InetSocketAddress local,
      PacketSealer sealer,
      PacketListener listener,
      Clock clock)
      throws IOException {
    PacketCounters counters = new PacketCounters();
    RateLimitedLog dropLog = new RateLimitedLog(log, clock, Duration.ofSeconds(10));
    Bootstrap bootstrap =
        new Bootstrap()
            .group(loops.group())
            .channel(loops.datagramChannel())
            .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(65536))
            .option(ChannelOption.SO_RCVBUF, 4 * 1024 * 1024)
            .option(ChannelOption.SO_SNDBUF, 4 * 1024 * 1024)
            .handler(new Receiver(sealer, listener, counters, dropLog));
    try {
      Channel channel = bootstrap.bind(local).sync().channel();
      return new DatagramTransport(channel, sealer, counters);
    } catch (Exception e) {
      throw new IOException("cannot bind UDP " + local + ": " + e.getMessage(), e);
    }
  }

  /** The largest payload {@link #send} accepts. */
  public int maxPayloadBytes() {
    return MAX_DATAGRAM_BYTES - sealer.overhead();
  }

  /**
   * Seals and sends one payload. Sending is fire-and-forget, as UDP is; the ring protocol
   * retransmits what is lost.
   *
   * @throws IllegalArgumentException when the payload does not fit in one datagram
   */
  public void send(InetSocketAddress to, byte[] payload) {
    if (payload.length > maxPayloadBytes()) {
      throw new IllegalArgumentException(
          "payload of "
              + payload.length
              + " bytes exceeds the datagram limit of "
              + maxPayloadBytes());
    }
    byte[] packet = sealer.seal(payload);
    counters.sent();
    channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(packet), to));
  }

  public InetSocketAddress localAddress() {
    return (InetSocketAddress) channel.localAddress();
  }

  public PacketCounters counters() {
    return counters;
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
  }

  private static final class Receiver extends SimpleChannelInboundHandler<DatagramPacket> {
    private final PacketSealer sealer;
    private final PacketListener listener;
    private final PacketCounters counters;
    private final RateLimitedLog dropLog;

    Receiver(
        PacketSealer sealer,
        PacketListener listener,
        PacketCounters counters,
        RateLimitedLog dropLog) {
      this.sealer = sealer;
      this.listener = listener;
      this.counters = counters;
      this.dropLog = dropLog;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
      byte[] bytes = ByteBufUtil.getBytes(packet.content());
      byte[] payload;
      try {
        payload = sealer.open(bytes);
      } catch (PacketRejectedException e) {
        long n = counters.dropped(e.reason());
        dropLog.warn(
            e.reason().name(),
            "dropped packet from "
                + packet.sender()
                + ": "
                + e.getMessage()
                + " ("
                + n
                + " "
                + e.reason()
                + " so far)");
        return;
      }
      counters.accepted();
      try {
        listener.received(packet.sender(), payload);
      } catch (RuntimeException e) {
        log.error("packet listener failed on a packet from {}", packet.sender(), e);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      // ICMP errors (port unreachable on a node that is down) are normal for a ring; keep serving.
      log.debug("UDP socket error: {}", cause.getMessage());
    }
  }
}
