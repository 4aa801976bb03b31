package org.pacer.membership.daemon;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.pacer.membership.config.ClusterConfig;
import org.pacer.membership.config.NodeEntry;
import org.pacer.membership.totem.PacketCodec;
import org.pacer.membership.totem.TotemPacket;
import org.pacer.messaging.datagram.DatagramTransport;
import org.pacer.messaging.datagram.PacketRejectedException;
import org.pacer.messaging.datagram.PacketSealer;
import org.pacer.messaging.logging.RateLimitedLog;
import org.pacer.messaging.transport.EventLoops;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ring's UDP side: one sealed socket per link, bound to this node's address of that link, and
 * the address of every other node on every link. A packet is handed on only when it authenticates,
 * decodes, and names as its sender the node configured at the address it came from.
 */
final class RingNetwork implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RingNetwork.class);

  /** Receives a packet that passed every check, on a Netty thread. */
  interface Receiver {
    void received(int link, TotemPacket packet);
  }

  private final Map<Integer, InetSocketAddress[]> addresses = new HashMap<>();
  private final Map<InetAddress, Integer>[] senderAt;
  private final List<DatagramTransport> transports = new ArrayList<>();
  private final AtomicLong malformed = new AtomicLong();
  private final AtomicLong wrongSender = new AtomicLong();
  private final RateLimitedLog dropLog;
  private final int links;

  @SuppressWarnings("unchecked")
  RingNetwork(
      ClusterConfig config,
      NodeEntry self,
      EventLoops loops,
      PacketSealer sealer,
      Clock clock,
      Receiver receiver)
      throws IOException {
    this.links = Math.max(1, config.linkCount());
    this.dropLog = new RateLimitedLog(log, clock, Duration.ofSeconds(10));
    this.senderAt = new Map[links];
    for (int l = 0; l < links; l++) {
      senderAt[l] = new HashMap<>();
    }
    for (NodeEntry n : config.nodes()) {
      InetSocketAddress[] a = new InetSocketAddress[links];
      for (int l = 0; l < links; l++) {
        String host = n.addr(l).orElse(null);
        if (host != null) {
          InetAddress ip = InetAddress.getByName(host);
          a[l] = new InetSocketAddress(ip, config.totem().port(l));
          senderAt[l].put(ip, n.nodeId());
        }
      }
      addresses.put(n.nodeId(), a);
    }
    try {
      for (int l = 0; l < links; l++) {
        InetSocketAddress local = addresses.get(self.nodeId())[l];
        if (local == null) {
          transports.add(null);
          continue;
        }
        int link = l;
        transports.add(
            DatagramTransport.bind(
                loops,
                local,
                sealer,
                (from, payload) -> accept(link, from, payload, receiver),
                clock));
      }
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  private void accept(int link, InetSocketAddress from, byte[] payload, Receiver receiver) {
    TotemPacket p;
    try {
      p = PacketCodec.decode(payload);
    } catch (PacketCodec.MalformedPacketException e) {
      long n = malformed.incrementAndGet();
      dropLog.warn(
          "malformed",
          "dropped malformed ring packet from "
              + from
              + ": "
              + e.getMessage()
              + " ("
              + n
              + " so far)");
      return;
    }
    Integer expected = senderAt[link].get(from.getAddress());
    if (expected == null || expected != p.sender()) {
      long n = wrongSender.incrementAndGet();
      dropLog.warn(
          "sender",
          "dropped ring packet from "
              + from
              + " claiming to be node "
              + Integer.toUnsignedString(p.sender())
              + " ("
              + n
              + " so far)");
      return;
    }
    receiver.received(link, p);
  }

  void send(int to, TotemPacket p) {
    byte[] bytes = PacketCodec.encode(p);
    for (int l = 0; l < links; l++) {
      sendOn(to, l, bytes);
    }
  }

  void sendOnLink(int to, int link, TotemPacket p) {
    sendOn(to, link, PacketCodec.encode(p));
  }

  private void sendOn(int to, int link, byte[] bytes) {
    InetSocketAddress[] a = addresses.get(to);
    DatagramTransport t = link < transports.size() ? transports.get(link) : null;
    if (a == null || a[link] == null || t == null) {
      return;
    }
    t.send(a[link], bytes);
  }

  InetSocketAddress address(int node, int link) {
    InetSocketAddress[] a = addresses.get(node);
    return a == null || link >= a.length ? null : a[link];
  }

  /** Drops and traffic, by reason, summed over the links. */
  Map<String, Long> counters() {
    Map<String, Long> c = new LinkedHashMap<>();
    long sent = 0;
    long accepted = 0;
    Map<PacketRejectedException.Reason, Long> dropped =
        new java.util.EnumMap<>(PacketRejectedException.Reason.class);
    for (DatagramTransport t : transports) {
      if (t == null) {
        continue;
      }
      sent += t.counters().sentCount();
      accepted += t.counters().acceptedCount();
      t.counters().droppedByReason().forEach((r, n) -> dropped.merge(r, n, Long::sum));
    }
    c.put("packets_sent", sent);
    c.put("packets_accepted", accepted);
    dropped.forEach((r, n) -> c.put("dropped_" + r.name().toLowerCase(java.util.Locale.ROOT), n));
    c.put("dropped_malformed", malformed.get());
    c.put("dropped_wrong_sender", wrongSender.get());
    return c;
  }

  @Override
  public void close() {
    for (DatagramTransport t : transports) {
      if (t != null) {
        t.close();
      }
    }
  }
}
