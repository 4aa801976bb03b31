package org.pacer.messaging.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.unix.PeerCredentials;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.pacer.messaging.envelope.Envelope;
import org.pacer.messaging.envelope.ErrorBody;
import org.pacer.messaging.envelope.Kind;
import org.pacer.messaging.frame.FrameException;
import org.pacer.messaging.logging.LogContext;
import org.pacer.messaging.security.LocalPeerPolicy;
import org.pacer.messaging.security.PeerIdentity;
import org.pacer.messaging.transport.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of one connection: checks who the peer is, waits for its HELLO, dispatches its
 * requests, keeps its subscriptions. Every way a peer can break the protocol ends here in one log
 * line and a closed connection.
 */
final class ServerConnection extends SimpleChannelInboundHandler<Envelope> {

  private static final Logger log = LoggerFactory.getLogger(ServerConnection.class);

  private final MessageServer.Settings settings;
  private final Supplier<Endpoint> endpoint;
  private final Consumer<ServerConnection> onOpen;
  private final Consumer<ServerConnection> onClose;
  private final Set<String> topics = ConcurrentHashMap.newKeySet();
  private final AtomicLong ids = new AtomicLong();
  private Channel channel;
  private String peerLabel = "unknown peer";
  private PeerIdentity localIdentity;
  private PeerIdentity identity;
  private ScheduledFuture<?> helloTimer;
  private final long connectionId;
  private String clientName = "";
  private boolean dropped;

  ServerConnection(
      MessageServer.Settings settings,
      Supplier<Endpoint> endpoint,
      Consumer<ServerConnection> onOpen,
      Consumer<ServerConnection> onClose,
      long connectionId) {
    this.connectionId = connectionId;
    this.settings = settings;
    this.endpoint = endpoint;
    this.onOpen = onOpen;
    this.onClose = onClose;
  }

  Channel channel() {
    return channel;
  }

  long id() {
    return connectionId;
  }

  /** The connection as a daemon sees it, once HELLO completed; null before. */
  ConnectionInfo info() {
    return identity == null ? null : new ConnectionInfo(connectionId, clientName, identity);
  }

  boolean subscribed(String topic) {
    return identity != null && topics.contains(topic);
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    channel = ctx.channel();
    if (channel instanceof EpollDomainSocketChannel domain) {
      if (!admitLocalPeer(domain)) {
        return;
      }
    } else if (channel.remoteAddress() instanceof InetSocketAddress remote) {
      peerLabel = "tcp " + remote.getHostString() + ":" + remote.getPort();
    }
    onOpen.accept(this);
    helloTimer =
        ctx.executor()
            .schedule(
                () -> drop("sent no HELLO within " + settings.helloTimeout().toMillis() + " ms"),
                settings.helloTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
    super.channelActive(ctx);
  }

  private boolean admitLocalPeer(EpollDomainSocketChannel domain) {
    PeerCredentials credentials;
    try {
      credentials = domain.peerCredentials();
    } catch (IOException e) {
      refuse("unknown local peer", "its credentials cannot be read: " + e.getMessage());
      return false;
    }
    Set<Integer> gids = new HashSet<>();
    for (int gid : credentials.gids()) {
      gids.add(gid);
    }
    gids.addAll(settings.accounts().processGroups(credentials.pid()));
    String user = settings.accounts().userName(credentials.uid());
    peerLabel = "local " + user + " (uid " + credentials.uid() + ", pid " + credentials.pid() + ")";
    LocalPeerPolicy.Decision decision = settings.localPolicy().decide(credentials.uid(), gids);
    if (!decision.allowed()) {
      refuse(peerLabel, decision.reason());
      return false;
    }
    localIdentity = new PeerIdentity(user, credentials.uid(), credentials.pid(), "local");
    return true;
  }

  private void refuse(String who, String reason) {
    try (LogContext ignored = LogContext.with(LogContext.NODE, settings.node())) {
      log.warn("{} refused {} on {}: {}", settings.name(), who, endpoint.get(), reason);
    }
    dropped = true;
    Envelope refusal =
        new Envelope(
            Kind.ERROR,
            Protocol.HELLO,
            ids.incrementAndGet(),
            0,
            settings.name(),
            0,
            new ErrorBody(ErrorBody.FORBIDDEN, "connection refused: " + reason).toJson());
    // Half-close after the refusal and linger briefly: closing a socket whose peer's HELLO is
    // still unread makes the kernel reset the connection, and the peer would never read why.
    channel
        .writeAndFlush(refusal)
        .addListener(
            written -> {
              if (channel instanceof DuplexChannel duplex && written.isSuccess()) {
                duplex.shutdownOutput();
                channel.eventLoop().schedule(() -> channel.close(), 2, TimeUnit.SECONDS);
              } else {
                channel.close();
              }
            });
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Envelope envelope) {
    if (dropped) {
      return;
    }
    if (identity == null) {
      onHello(envelope);
      return;
    }
    if (envelope.kind() != Kind.REQUEST) {
      drop("sent a " + envelope.kind() + " envelope; only REQUEST is valid after HELLO");
      return;
    }
    switch (envelope.type()) {
      case Protocol.SUBSCRIBE -> {
        topics.add(envelope.body().path("topic").asText());
        reply(envelope, JsonNodeFactory.instance.objectNode());
      }
      case Protocol.UNSUBSCRIBE -> {
        topics.remove(envelope.body().path("topic").asText());
        reply(envelope, JsonNodeFactory.instance.objectNode());
      }
      default -> dispatch(envelope);
    }
  }

  private void onHello(Envelope hello) {
    if (hello.kind() != Kind.HELLO) {
      drop("sent " + hello.kind() + " before HELLO");
      return;
    }
    if (localIdentity != null) {
      identity = localIdentity;
    } else {
      String user = hello.body().path("user").asText("");
      String password = hello.body().path("password").asText("");
      if (user.isEmpty() || !settings.passwordCheck().accepts(user, password)) {
        refuse(peerLabel, "authentication failed for user '" + user + "'");
        return;
      }
      identity = new PeerIdentity(user, -1, -1, peerLabel);
    }
    helloTimer.cancel(false);
    clientName = hello.body().path("client").asText("client");
    peerLabel = hello.body().path("client").asText("client") + " (" + identity + ")";
    log.debug("{} accepted {}", settings.name(), peerLabel);
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("server", settings.name());
    body.put("node", settings.node());
    body.put("user", identity.user());
    body.put("maxFrameBytes", settings.maxFrameBytes());
    reply(hello, body);
  }

  private void dispatch(Envelope envelope) {
    long now = settings.clock().millis();
    if (envelope.expiredAt(now)) {
      fail(
          envelope,
          new ErrorBody(
              ErrorBody.DEADLINE_EXCEEDED,
              "'" + envelope.type() + "' arrived " + (now - envelope.deadline()) + " ms too late"));
      return;
    }
    RequestHandler handler = settings.handlers().get(envelope.type());
    if (handler == null) {
      fail(
          envelope,
          new ErrorBody(
              ErrorBody.NO_HANDLER,
              settings.name() + " has no handler for request type '" + envelope.type() + "'"));
      return;
    }
    Request request =
        new Request(
            envelope.id(),
            envelope.type(),
            envelope.body(),
            identity,
            envelope.deadline(),
            connectionId);
    settings.executor().execute(() -> invoke(handler, request, envelope));
  }

  private void invoke(RequestHandler handler, Request request, Envelope envelope) {
    CompletionStage<JsonNode> result;
    try (LogContext ignored =
        LogContext.with(LogContext.NODE, settings.node(), LogContext.CALL, callId(envelope))) {
      try {
        result = handler.handle(request);
      } catch (Exception e) {
        result = CompletableFuture.failedFuture(e);
      }
    }
    result.whenComplete(
        (body, error) -> {
          if (error == null) {
            reply(envelope, body);
          } else {
            fail(envelope, errorBody(envelope, error));
          }
        });
  }

  private ErrorBody errorBody(Envelope envelope, Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof RequestException re) {
      return re.toBody();
    }
    try (LogContext ignored =
        LogContext.with(LogContext.NODE, settings.node(), LogContext.CALL, callId(envelope))) {
      log.error(
          "{}: handler of '{}' failed for {}", settings.name(), envelope.type(), peerLabel, cause);
    }
    return new ErrorBody(
        ErrorBody.INTERNAL,
        "'" + envelope.type() + "' failed in " + settings.name() + ": " + cause);
  }

  private String callId(Envelope envelope) {
    return envelope.sender() + "#" + envelope.id();
  }

  private void reply(Envelope to, JsonNode body) {
    if (channel.isActive()) {
      channel.writeAndFlush(to.response(ids.incrementAndGet(), settings.name(), body));
    }
  }

  private void fail(Envelope to, ErrorBody error) {
    if (channel.isActive()) {
      channel.writeAndFlush(to.error(ids.incrementAndGet(), settings.name(), error));
    }
  }

  /** Closes this connection after logging why, once. */
  void drop(String reason) {
    if (dropped) {
      return;
    }
    dropped = true;
    try (LogContext ignored = LogContext.with(LogContext.NODE, settings.node())) {
      log.warn("{} dropped {} on {}: {}", settings.name(), peerLabel, endpoint.get(), reason);
    }
    channel.close();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess()) {
      drop("TLS handshake failed: " + abbreviate(handshake.cause().getMessage()));
    }
    super.userEventTriggered(ctx, event);
  }

  private static String abbreviate(String message) {
    // Netty quotes the whole offending record in hex; the first bytes say enough.
    return message != null && message.length() > 160 ? message.substring(0, 160) + "..." : message;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable root =
        cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    if (root instanceof FrameException) {
      drop(root.getMessage());
    } else if (root instanceof IOException) {
      if (!dropped) {
        dropped = true;
        log.debug("{}: connection of {} failed: {}", settings.name(), peerLabel, root.getMessage());
      }
      ctx.close();
    } else {
      drop("unexpected error: " + root);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (helloTimer != null) {
      helloTimer.cancel(false);
    }
    onClose.accept(this);
    super.channelInactive(ctx);
  }
}
