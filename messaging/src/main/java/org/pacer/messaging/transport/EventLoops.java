package org.pacer.messaging.transport;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The Netty threads a process uses for all its connections. One instance is created by a daemon (or
 * a test) and handed to every server and client it starts; closing it stops them all. Linux epoll
 * is required: Unix sockets with peer credentials exist only there.
 */
public final class EventLoops implements AutoCloseable {

  private final EventLoopGroup group;
  private final boolean owned;

  private EventLoops(EventLoopGroup group, boolean owned) {
    this.group = group;
    this.owned = owned;
  }

  /**
   * Starts {@code threads} event-loop threads named after {@code name}.
   *
   * @throws IllegalStateException when the native epoll transport cannot load
   */
  public static EventLoops create(String name, int threads) {
    if (!Epoll.isAvailable()) {
      throw new IllegalStateException(
          "Pacer needs Linux epoll for its sockets: " + Epoll.unavailabilityCause());
    }
    return new EventLoops(
        new MultiThreadIoEventLoopGroup(
            threads, new DefaultThreadFactory(name, true), EpollIoHandler.newFactory()),
        true);
  }

  public EventLoopGroup group() {
    return group;
  }

  public Class<? extends ServerChannel> serverChannel(Endpoint endpoint) {
    return endpoint instanceof Endpoint.Local
        ? EpollServerDomainSocketChannel.class
        : EpollServerSocketChannel.class;
  }

  public Class<? extends Channel> clientChannel(Endpoint endpoint) {
    return endpoint instanceof Endpoint.Local
        ? EpollDomainSocketChannel.class
        : EpollSocketChannel.class;
  }

  public Class<? extends DatagramChannel> datagramChannel() {
    return EpollDatagramChannel.class;
  }

  @Override
  public void close() {
    if (owned) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }
}
