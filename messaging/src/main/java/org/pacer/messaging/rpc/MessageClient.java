package org.pacer.messaging.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.pacer.messaging.envelope.Envelope;
import org.pacer.messaging.envelope.EnvelopeCodec;
import org.pacer.messaging.envelope.Json;
import org.pacer.messaging.envelope.Kind;
import org.pacer.messaging.frame.EnvelopeDecoder;
import org.pacer.messaging.frame.EnvelopeEncoder;
import org.pacer.messaging.frame.FrameDecoder;
import org.pacer.messaging.transport.Endpoint;
import org.pacer.messaging.transport.EventLoops;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection to one server: requests with deadlines, subscriptions to push topics, and
 * reconnection with backoff that re-subscribes. A call pending when the connection is lost fails at
 * once with {@link ConnectionLostException}; a call made while disconnected fails at once too, so
 * nothing hangs waiting for a server that is gone.
 */
public final class MessageClient implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MessageClient.class);

  private final EventLoops loops;
  private final Endpoint endpoint;
  private final ClientOptions options;
  private final SslContext ssl;
  private final EnvelopeCodec codec = new EnvelopeCodec();
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, PendingCall> pending = new ConcurrentHashMap<>();
  private final Map<String, List<Consumer<JsonNode>>> subscriptions = new ConcurrentHashMap<>();
  private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
  private volatile Channel channel;
  private volatile boolean closed;
  private volatile String lastFailure = "not connected yet";
  private volatile boolean everConnected;
  private volatile int serverMaxFrameBytes = Integer.MAX_VALUE;
  private Duration backoff;

  private record PendingCall(
      CompletableFuture<JsonNode> future, String type, Channel channel, ScheduledFuture<?> timer) {}

  private MessageClient(EventLoops loops, Endpoint endpoint, ClientOptions options)
      throws IOException {
    this.loops = loops;
    this.endpoint = endpoint;
    this.options = options;
    this.backoff = options.minBackoff();
    this.ssl =
        endpoint instanceof Endpoint.Tcp tcp && tcp.tls() != null
            ? tcp.tls().clientContext()
            : null;
  }

  /**
   * Connects and completes the HELLO exchange, retrying for up to {@code options.connectWait()}.
   *
   * @throws IOException naming the endpoint and the cause when no connection could be made, or when
   *     the server refused this client
   */
  public static MessageClient connect(EventLoops loops, Endpoint endpoint, ClientOptions options)
      throws IOException {
    MessageClient client = new MessageClient(loops, endpoint, options);
    long giveUp = System.nanoTime() + options.connectWait().toNanos();
    Duration delay = options.minBackoff();
    while (true) {
      try {
        client.attempt().get();
        return client;
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        boolean refused = cause instanceof RemoteException;
        if (refused || System.nanoTime() + delay.toNanos() > giveUp) {
          client.closed = true;
          throw new IOException("cannot connect to " + endpoint + ": " + cause.getMessage(), cause);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        client.closed = true;
        throw new IOException("interrupted while connecting to " + endpoint, e);
      }
      sleep(delay);
      delay = min(delay.multipliedBy(2), options.maxBackoff());
    }
  }

  public Endpoint endpoint() {
    return endpoint;
  }

  public boolean isConnected() {
    return channel != null && channel.isActive();
  }

  public void addConnectionListener(ConnectionListener listener) {
    listeners.add(listener);
  }

  /**
   * Sends a request; the future completes with the answer's body, or fails with {@link
   * RemoteException}, {@link DeadlineExceededException} or {@link ConnectionLostException}.
   *
   * @param body a JsonNode, a record, or null
   */
  public CompletableFuture<JsonNode> request(String type, Object body, Duration timeout) {
    Channel ch = channel;
    if (ch == null || !ch.isActive()) {
      return CompletableFuture.failedFuture(
          new ConnectionLostException(
              "not connected to " + endpoint + " (" + lastFailure + "); '" + type + "' not sent"));
    }
    return send(ch, Kind.REQUEST, type, Json.toTree(body), timeout);
  }

  /** Like {@link #request(String, Object, Duration)}, converting the answer into a record. */
  public <T> CompletableFuture<T> request(
      String type, Object body, Class<T> answerType, Duration timeout) {
    return request(type, body, timeout).thenApply(answer -> Json.fromTree(answer, answerType));
  }

  /**
   * Subscribes a listener to a push topic. The future completes once the server has registered the
   * subscription. Listeners run on the connection's I/O thread: they must not block.
   */
  public CompletableFuture<Void> subscribe(String topic, Consumer<JsonNode> listener) {
    subscriptions.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(listener);
    return isConnected()
        ? topicRequest(Protocol.SUBSCRIBE, topic).thenApply(answer -> null)
        : CompletableFuture.completedFuture(null);
  }

  /** Removes a listener; the server stops pushing the topic when it has no listener left. */
  public CompletableFuture<Void> unsubscribe(String topic, Consumer<JsonNode> listener) {
    List<Consumer<JsonNode>> list = subscriptions.get(topic);
    if (list == null || !list.remove(listener) || !list.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    subscriptions.remove(topic);
    return isConnected()
        ? topicRequest(Protocol.UNSUBSCRIBE, topic).thenApply(answer -> null)
        : CompletableFuture.completedFuture(null);
  }

  @Override
  public void close() {
    closed = true;
    Channel ch = channel;
    if (ch != null) {
      ch.close().syncUninterruptibly();
    }
    failPending(null, "client closed");
  }

  private CompletableFuture<JsonNode> topicRequest(String type, String topic) {
    ObjectNode body = JsonNodeFactory.instance.objectNode().put("topic", topic);
    return request(type, body, Duration.ofSeconds(10));
  }

  private CompletableFuture<JsonNode> send(
      Channel ch, Kind kind, String type, JsonNode body, Duration timeout) {
    long id = ids.incrementAndGet();
    long deadline = options.clock().millis() + timeout.toMillis();
    CompletableFuture<JsonNode> future = new CompletableFuture<>();
    ScheduledFuture<?> timer =
        ch.eventLoop()
            .schedule(
                () ->
                    expire(
                        id,
                        "no answer to '"
                            + type
                            + "' from "
                            + endpoint
                            + " within "
                            + timeout.toMillis()
                            + " ms"),
                timeout.toMillis(),
                TimeUnit.MILLISECONDS);
    pending.put(id, new PendingCall(future, type, ch, timer));
    Envelope envelope = new Envelope(kind, type, id, 0, options.name(), deadline, body);
    ch.writeAndFlush(envelope)
        .addListener(
            (ChannelFuture written) -> {
              if (!written.isSuccess()) {
                Throwable cause = written.cause();
                if (cause instanceof EncoderException && cause.getCause() != null) {
                  cause = cause.getCause();
                }
                complete(
                    id,
                    null,
                    new MessagingException(
                        "cannot send '" + type + "': " + cause.getMessage(), cause));
              }
            });
    return future;
  }

  private void expire(long id, String message) {
    complete(id, null, new DeadlineExceededException(message));
  }

  private void complete(long id, JsonNode body, Throwable error) {
    PendingCall call = pending.remove(id);
    if (call == null) {
      return;
    }
    call.timer().cancel(false);
    if (error == null) {
      call.future().complete(body);
    } else {
      call.future().completeExceptionally(error);
    }
  }

  private void failPending(Channel only, String reason) {
    for (Map.Entry<Long, PendingCall> entry : pending.entrySet()) {
      PendingCall call = entry.getValue();
      if (only == null || call.channel() == only) {
        complete(
            entry.getKey(),
            null,
            new ConnectionLostException(
                "connection to "
                    + endpoint
                    + " lost ("
                    + reason
                    + ") while '"
                    + call.type()
                    + "' was pending"));
      }
    }
  }

  /** One connection attempt: connect, then HELLO. Completes when the server has accepted us. */
  private CompletableFuture<Void> attempt() {
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Bootstrap bootstrap =
        new Bootstrap()
            .group(loops.group())
            .channel(loops.clientChannel(endpoint))
            .handler(
                new ChannelInitializer<>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ChannelPipeline p = ch.pipeline();
                    if (ssl != null) {
                      Endpoint.Tcp tcp = (Endpoint.Tcp) endpoint;
                      p.addLast("tls", ssl.newHandler(ch.alloc(), tcp.host(), tcp.port()));
                    }
                    p.addLast("frames", new FrameDecoder(options.maxFrameBytes()));
                    p.addLast("envelopes", new EnvelopeDecoder(codec));
                    p.addLast("encoder", new EnvelopeEncoder(codec, () -> serverMaxFrameBytes));
                    p.addLast("connection", new ClientConnection(MessageClient.this));
                  }
                });
    if (endpoint instanceof Endpoint.Tcp) {
      bootstrap.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000);
    }
    bootstrap
        .connect(address())
        .addListener(
            (ChannelFuture connected) -> {
              if (!connected.isSuccess()) {
                lastFailure = describe(connected.cause());
                ready.completeExceptionally(new IOException(lastFailure, connected.cause()));
                return;
              }
              hello(connected.channel(), ready);
            });
    return ready;
  }

  private void hello(Channel ch, CompletableFuture<Void> ready) {
    ObjectNode body = JsonNodeFactory.instance.objectNode().put("client", options.name());
    if (options.user() != null) {
      body.put("user", options.user());
      body.put("password", options.password() == null ? "" : options.password());
    }
    send(ch, Kind.HELLO, Protocol.HELLO, body, Duration.ofSeconds(10))
        .whenComplete(
            (answer, error) -> {
              if (error != null) {
                lastFailure = error.getMessage();
                ch.close();
                ready.completeExceptionally(error);
                return;
              }
              boolean reconnected = everConnected;
              everConnected = true;
              serverMaxFrameBytes = answer.path("maxFrameBytes").asInt(Integer.MAX_VALUE);
              channel = ch;
              backoff = options.minBackoff();
              resubscribe()
                  .whenComplete(
                      (ignored, subscribeError) -> {
                        ready.complete(null);
                        listeners.forEach(l -> l.connected(reconnected));
                      });
            });
  }

  private CompletableFuture<Void> resubscribe() {
    List<CompletableFuture<JsonNode>> acks = new ArrayList<>();
    for (String topic : subscriptions.keySet()) {
      acks.add(topicRequest(Protocol.SUBSCRIBE, topic));
    }
    return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
  }

  // Called by ClientConnection on the I/O thread.

  void onEnvelope(Channel ch, Envelope envelope) {
    switch (envelope.kind()) {
      case RESPONSE -> complete(envelope.correlationId(), envelope.body(), null);
      case ERROR -> {
        RemoteException error =
            new RemoteException(org.pacer.messaging.envelope.ErrorBody.fromJson(envelope.body()));
        if (envelope.correlationId() == 0) {
          // The server refused the connection itself: every call on it fails with that reason.
          lastFailure = error.getMessage();
          for (Map.Entry<Long, PendingCall> entry : pending.entrySet()) {
            if (entry.getValue().channel() == ch) {
              complete(entry.getKey(), null, error);
            }
          }
          ch.close();
        } else {
          complete(envelope.correlationId(), null, error);
        }
      }
      case PUSH -> {
        List<Consumer<JsonNode>> list = subscriptions.get(envelope.type());
        if (list != null) {
          for (Consumer<JsonNode> listener : list) {
            try {
              listener.accept(envelope.body());
            } catch (RuntimeException e) {
              log.error("listener of '{}' from {} failed", envelope.type(), endpoint, e);
            }
          }
        }
      }
      default -> {
        log.warn("{} sent a {} envelope to a client; closing", endpoint, envelope.kind());
        ch.close();
      }
    }
  }

  void onClosed(Channel ch, String reason) {
    failPending(ch, reason);
    if (channel != ch) {
      return;
    }
    channel = null;
    lastFailure = reason;
    listeners.forEach(l -> l.disconnected(reason));
    if (!closed && options.reconnect()) {
      scheduleReconnect(ch);
    }
  }

  private void scheduleReconnect(Channel old) {
    Duration delay = backoff;
    backoff = min(backoff.multipliedBy(2), options.maxBackoff());
    old.eventLoop()
        .schedule(
            () -> {
              if (closed) {
                return;
              }
              attempt()
                  .whenComplete(
                      (ok, error) -> {
                        if (error != null && !closed) {
                          log.debug("reconnect to {} failed: {}", endpoint, error.getMessage());
                          scheduleReconnect(old);
                        }
                      });
            },
            delay.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  private java.net.SocketAddress address() {
    if (endpoint instanceof Endpoint.Local local) {
      return new DomainSocketAddress(local.socket().toFile());
    }
    Endpoint.Tcp tcp = (Endpoint.Tcp) endpoint;
    return new InetSocketAddress(tcp.host(), tcp.port());
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    return message.replaceFirst("^connect\\(\\.\\.\\) failed: ", "");
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static void sleep(Duration delay) throws IOException {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while connecting", e);
    }
  }
}
