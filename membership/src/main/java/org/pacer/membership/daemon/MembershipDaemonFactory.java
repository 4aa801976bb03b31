package org.pacer.membership.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.pacer.membership.api.CpgRequests;
import org.pacer.membership.api.Requests;
import org.pacer.membership.config.ClusterConfig;
import org.pacer.membership.config.ClusterConfigReader;
import org.pacer.membership.config.ConfException;
import org.pacer.membership.config.ConfWarning;
import org.pacer.membership.config.LocalNode;
import org.pacer.membership.config.NodeEntry;
import org.pacer.membership.node.MembershipNode;
import org.pacer.membership.totem.TotemTimeouts;
import org.pacer.messaging.daemon.Daemon;
import org.pacer.messaging.daemon.DaemonContext;
import org.pacer.messaging.daemon.DaemonFactory;
import org.pacer.messaging.datagram.AuthKey;
import org.pacer.messaging.datagram.PacketSealer;
import org.pacer.messaging.envelope.Json;
import org.pacer.messaging.rpc.MessageServer;
import org.pacer.messaging.rpc.RequestException;
import org.pacer.messaging.transport.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts {@code pacer-membership}: reads corosync.conf (any error stops the start, naming
 * file:line), chooses the local node, loads the authkey, binds one sealed UDP socket per link,
 * starts the ring, and serves the local socket ({@link Requests}, {@link CpgRequests}).
 */
public final class MembershipDaemonFactory implements DaemonFactory {

  private static final Logger log = LoggerFactory.getLogger(MembershipDaemonFactory.class);

  @Override
  public String name() {
    return Requests.SOCKET;
  }

  @Override
  public Daemon start(DaemonContext ctx) throws Exception {
    ClusterConfig config;
    try {
      config = ClusterConfigReader.read(ctx.paths().corosyncConf());
    } catch (ConfException e) {
      throw new IllegalStateException(e.getMessage(), e);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalStateException("no corosync.conf at " + ctx.paths().corosyncConf(), e);
    }
    for (ConfWarning w : config.warnings()) {
      log.warn("{}", w);
    }
    NodeEntry self;
    try {
      self =
          LocalNode.choose(
              config,
              ctx.node() == null || ctx.node().isBlank() ? null : ctx.node(),
              hostname(),
              LocalNode.systemAddresses());
    } catch (ConfException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    AuthKey key = AuthKey.load(ctx.paths().authkey());
    String hash = config.totem().cryptoHash();
    if (hash.equals("none") || hash.equals("md5")) {
      hash = "sha256"; // every packet is authenticated, whatever corosync.conf allows
    }
    PacketSealer sealer =
        PacketSealer.create(key, config.totem().clusterName(), hash, config.totem().cryptoCipher());
    Files.createDirectories(ctx.paths().libDir());
    Files.createDirectories(ctx.paths().runDir());
    TotemTimeouts timeouts = TotemTimeouts.from(config);
    MembershipNode node =
        new MembershipNode(
            self.nodeId(),
            config,
            timeouts,
            new FileRingSeqStore(ctx.paths().libDir().resolve("membership/ringseq")));
    MembershipService service = new MembershipService(node, config, self);
    RingNetwork net =
        new RingNetwork(config, self, ctx.loops(), sealer, ctx.clock(), service::received);
    MessageServer server;
    try {
      server = server(ctx, self, service).start(new Endpoint.Local(ctx.paths().socket(name())));
    } catch (Exception e) {
      net.close();
      throw e;
    }
    service.attach(net, server::publish);
    service.start();
    log.info(
        "node {} (id {}) on {}; token {} ms, consensus {} ms, heartbeat timeout {} ms, {} link(s){}",
        self.name(),
        Integer.toUnsignedString(self.nodeId()),
        self.addrs(),
        timeouts.tokenMs(),
        timeouts.consensusMs(),
        timeouts.heartbeatTimeoutMs(),
        Math.max(1, config.linkCount()),
        sealer.encrypts() ? ", encrypted" : "");
    return () -> {
      service.close();
      net.close();
      server.close();
    };
  }

  private static MessageServer server(DaemonContext ctx, NodeEntry self, MembershipService s) {
    return MessageServer.builder(Requests.SOCKET)
        .node(self.name())
        .clock(ctx.clock())
        .onDisconnect(c -> s.connectionClosed(c.id()))
        .handle(Requests.STATUS, r -> on(s, s::status))
        .handle(Requests.QUORUM, r -> on(s, s::quorum))
        .handle(
            Requests.SET_EXPECTED,
            r -> on(s, () -> s.setExpectedVotes(r.bodyAs(Requests.SetExpected.class).votes())))
        .handle(
            CpgRequests.JOIN,
            r -> {
              CpgRequests.Join j = r.bodyAs(CpgRequests.Join.class);
              return on(s, () -> ok(() -> s.cpgJoin(j.client(), j.group(), r.connection())));
            })
        .handle(
            CpgRequests.LEAVE,
            r -> {
              CpgRequests.Leave l = r.bodyAs(CpgRequests.Leave.class);
              return on(s, () -> ok(() -> s.cpgLeave(l.client(), l.group())));
            })
        .handle(
            CpgRequests.SEND,
            r -> {
              CpgRequests.Send m = r.bodyAs(CpgRequests.Send.class);
              if (m.payload() == null) {
                throw RequestException.badRequest("cpg.send needs a payload");
              }
              return answer(
                  s.callAsync(
                      () -> s.cpgSend(m.client(), m.group(), List.of(m.payload()), r.deadline())));
            })
        .handle(
            CpgRequests.SEND_BATCH,
            r -> {
              CpgRequests.SendBatch m = r.bodyAs(CpgRequests.SendBatch.class);
              if (m.payloads() == null || m.payloads().isEmpty() || m.payloads().contains(null)) {
                throw RequestException.badRequest("cpg.send_batch needs payloads");
              }
              return answer(
                  s.callAsync(() -> s.cpgSend(m.client(), m.group(), m.payloads(), r.deadline())));
            })
        .handle(
            CpgRequests.KEEPALIVE,
            r -> {
              CpgRequests.Keepalive k = r.bodyAs(CpgRequests.Keepalive.class);
              return on(s, () -> ok(() -> s.keepalive(k.client(), r.connection())));
            })
        .handle(
            CpgRequests.MEMBERS,
            r -> {
              CpgRequests.Members m = r.bodyAs(CpgRequests.Members.class);
              return on(s, () -> s.members(m.group()));
            })
        .build(ctx.loops());
  }

  private static Object ok(Runnable r) {
    r.run();
    return java.util.Map.of("ok", true);
  }

  /** Runs on the engine; a refused request becomes an error the client sees. */
  private static CompletionStage<JsonNode> on(MembershipService s, Supplier<?> action) {
    return answer(s.call(action));
  }

  private static CompletionStage<JsonNode> answer(CompletableFuture<?> result) {
    return result
        .handle(
            (value, error) -> {
              if (error == null) {
                return CompletableFuture.completedFuture(Json.toTree(value));
              }
              Throwable cause = error.getCause() != null ? error.getCause() : error;
              if (cause instanceof IllegalStateException
                  || cause instanceof IllegalArgumentException) {
                return CompletableFuture.<JsonNode>failedFuture(
                    RequestException.badRequest(cause.getMessage()));
              }
              return CompletableFuture.<JsonNode>failedFuture(cause);
            })
        .thenCompose(f -> f);
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
