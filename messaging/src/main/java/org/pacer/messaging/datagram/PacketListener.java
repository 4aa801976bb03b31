package org.pacer.messaging.datagram;

import java.net.InetSocketAddress;

/** Receives authenticated payloads, on the transport's I/O thread. */
@FunctionalInterface
public interface PacketListener {
  void received(InetSocketAddress from, byte[] payload);
}
