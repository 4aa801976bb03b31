package org.pacer.messaging.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.pacer.messaging.envelope.Envelope;
import org.pacer.messaging.envelope.EnvelopeCodec;
import org.pacer.messaging.frame.EnvelopeDecoder;
import org.pacer.messaging.frame.EnvelopeEncoder;
import org.pacer.messaging.frame.FrameDecoder;
import org.pacer.messaging.security.LocalPeerPolicy;
import org.pacer.messaging.security.PasswordCheck;
import org.pacer.messaging.security.SystemAccounts;
import org.pacer.messaging.transport.Endpoint;
import org.pacer.messaging.transport.EventLoops;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves requests and pushes notifications on one endpoint. A daemon builds one per endpoint (its
 * local socket, and optionally a TCP/TLS port), registers a handler per request type, and calls
 * {@link #publish} whenever something subscribers care about changes.
 *
 * <p>A connection that misbehaves (bad frame, bad JSON, unknown kind, no HELLO in time,
 * disconnecting mid-frame) is logged in one line and dropped; every other connection is unaffected.
 */
public final class MessageServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MessageServer.class);

  private final Settings settings;
  private final EventLoops loops;
  private final Set<ServerConnection> connections = ConcurrentHashMap.newKeySet();
  private final AtomicLong pushIds = new AtomicLong();
  private final AtomicLong connectionIds = new AtomicLong();
  private Channel listener;
  private volatile Endpoint endpoint;

  /** What a server was built with; shared by its connections. */
  record Settings(
      String name,
      String node,
      Map<String, RequestHandler> handlers,
      Executor executor,
      EnvelopeCodec codec,
      int maxFrameBytes,
      Duration helloTimeout,
      long maxPendingPushBytes,
      Clock clock,
      LocalPeerPolicy localPolicy,
      SystemAccounts accounts,
      PasswordCheck passwordCheck,
      Consumer<ConnectionInfo> onDisconnect) {}

  private MessageServer(Settings settings, EventLoops loops) {
    this.settings = settings;
    this.loops = loops;
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Binds the endpoint and starts accepting. A local socket is created with mode 0660 and, when it
   * exists, group {@code haclient}; a stale socket file left by a dead daemon is replaced, but a
   * socket another live server answers on is not.
   */
  public synchronized MessageServer start(Endpoint endpoint) throws IOException {
    if (listener != null) {
      throw new IllegalStateException("server " + settings.name() + " already started");
    }
    this.requested = endpoint;
    SslContext ssl = null;
    if (endpoint instanceof Endpoint.Tcp tcp) {
      if (settings.passwordCheck() == null) {
        throw new IllegalStateException(
            "a TCP server needs a password check: remote peers have no kernel credentials");
      }
      if (tcp.tls() != null) {
        ssl = tcp.tls().serverContext();
      }
    }
    if (endpoint instanceof Endpoint.Local local) {
      prepareSocketPath(local.socket());
    }
    SslContext sslContext = ssl;
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(loops.group())
            .channel(loops.serverChannel(endpoint))
            .childOption(
                ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(256 * 1024, 4 * 1024 * 1024))
            .childHandler(
                new ChannelInitializer<>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ChannelPipeline p = ch.pipeline();
                    if (sslContext != null) {
                      p.addLast("tls", sslContext.newHandler(ch.alloc()));
                    }
                    p.addLast("frames", new FrameDecoder(settings.maxFrameBytes()));
                    p.addLast("envelopes", new EnvelopeDecoder(settings.codec()));
                    p.addLast(
                        "encoder", new EnvelopeEncoder(settings.codec(), settings.maxFrameBytes()));
                    p.addLast(
                        "connection",
                        new ServerConnection(
                            settings,
                            MessageServer.this::endpointOrRequested,
                            connections::add,
                            MessageServer.this::closed,
                            connectionIds.incrementAndGet()));
                  }
                });
    try {
      listener = bootstrap.bind(address(endpoint)).sync().channel();
    } catch (Exception e) {
      throw new IOException("cannot listen on " + endpoint + ": " + e.getMessage(), e);
    }
    if (endpoint instanceof Endpoint.Local local) {
      restrictSocket(local.socket());
    }
    this.endpoint = bound(endpoint);
    log.info("{} listening on {}", settings.name(), this.endpoint);
    return this;
  }

  private Endpoint requested;

  private Endpoint endpointOrRequested() {
    Endpoint bound = endpoint;
    return bound != null ? bound : requested;
  }

  /** Where the server listens; for TCP port 0, the port the system chose. */
  public Endpoint endpoint() {
    return endpoint;
  }

  /** Pushes a notification to every connection subscribed to {@code topic}. */
  public void publish(String topic, JsonNode body) {
    Envelope push = Envelope.push(pushIds.incrementAndGet(), topic, settings.name(), body);
    for (ServerConnection connection : connections) {
      if (!connection.subscribed(topic)) {
        continue;
      }
      Channel ch = connection.channel();
      ChannelOutboundBuffer pending = ch.unsafe().outboundBuffer();
      if (pending != null && pending.totalPendingWriteBytes() > settings.maxPendingPushBytes()) {
        connection.drop(
            "subscriber fell behind by "
                + pending.totalPendingWriteBytes()
                + " bytes of notifications; it will get a full refresh when it reconnects");
        continue;
      }
      ch.writeAndFlush(push);
    }
  }

  /**
   * Pushes a notification to one connection, subscribed or not (e.g. events for one client).
   *
   * @return false when that connection is gone
   */
  public boolean push(long connection, String topic, JsonNode body) {
    for (ServerConnection c : connections) {
      if (c.id() == connection && c.info() != null) {
        c.channel()
            .writeAndFlush(Envelope.push(pushIds.incrementAndGet(), topic, settings.name(), body));
        return true;
      }
    }
    return false;
  }

  private void closed(ServerConnection connection) {
    connections.remove(connection);
    ConnectionInfo info = connection.info();
    if (info != null && settings.onDisconnect() != null) {
      try {
        settings.onDisconnect().accept(info);
      } catch (RuntimeException e) {
        log.error("{}: disconnect handler failed for {}", settings.name(), info, e);
      }
    }
  }

  /** How many connections are open (for status and tests). */
  public int connectionCount() {
    return connections.size();
  }

  @Override
  public synchronized void close() {
    if (listener != null) {
      listener.close().syncUninterruptibly();
      for (ServerConnection connection : connections) {
        connection.channel().close();
      }
      if (endpoint instanceof Endpoint.Local local) {
        try {
          Files.deleteIfExists(local.socket());
        } catch (IOException e) {
          log.warn("could not remove socket {}: {}", local.socket(), e.getMessage());
        }
      }
      listener = null;
    }
  }

  private Endpoint bound(Endpoint requested) {
    if (requested instanceof Endpoint.Tcp tcp
        && listener.localAddress() instanceof InetSocketAddress a) {
      return new Endpoint.Tcp(tcp.host(), a.getPort(), tcp.tls());
    }
    return requested;
  }

  private static java.net.SocketAddress address(Endpoint endpoint) {
    if (endpoint instanceof Endpoint.Local local) {
      return new DomainSocketAddress(local.socket().toFile());
    }
    Endpoint.Tcp tcp = (Endpoint.Tcp) endpoint;
    return new InetSocketAddress(tcp.host(), tcp.port());
  }

  private static void prepareSocketPath(Path socket) throws IOException {
    Files.createDirectories(socket.toAbsolutePath().getParent());
    if (Files.exists(socket)) {
      if (SocketProbe.answers(socket)) {
        throw new IOException("another process is already listening on " + socket);
      }
      Files.delete(socket);
    }
  }

  private void restrictSocket(Path socket) throws IOException {
    Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
    if (settings.localPolicy().clientGroupId().isPresent()) {
      try {
        GroupPrincipal group =
            socket
                .getFileSystem()
                .getUserPrincipalLookupService()
                .lookupPrincipalByGroupName(LocalPeerPolicy.CLIENT_GROUP);
        Files.getFileAttributeView(socket, PosixFileAttributeView.class).setGroup(group);
      } catch (IOException e) {
        // Not fatal: the peer check still applies; only group members' access is affected.
        log.warn(
            "could not give {} to group {}: {}",
            socket,
            LocalPeerPolicy.CLIENT_GROUP,
            e.getMessage());
      }
    }
  }

  /** Builds a server; every setting has a default fit for a local daemon socket. */
  public static final class Builder {
    private final String name;
    private String node = "";
    private final Map<String, RequestHandler> handlers = new ConcurrentHashMap<>();
    private Executor executor = Runnable::run;
    private int maxFrameBytes = 64 * 1024 * 1024;
    private Duration helloTimeout = Duration.ofSeconds(10);
    private long maxPendingPushBytes = 128L * 1024 * 1024;
    private Clock clock = Clock.systemUTC();
    private SystemAccounts accounts = SystemAccounts.system();
    private LocalPeerPolicy localPolicy;
    private PasswordCheck passwordCheck;
    private Consumer<ConnectionInfo> onDisconnect;

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /** Registers the handler of one request type. */
    public Builder handle(String type, RequestHandler handler) {
      if (type.startsWith("$")) {
        throw new IllegalArgumentException("types starting with $ are reserved: " + type);
      }
      if (handlers.putIfAbsent(type, handler) != null) {
        throw new IllegalArgumentException("a handler for '" + type + "' is already registered");
      }
      return this;
    }

    /** The node name put in the log context of every handler call. */
    public Builder node(String node) {
      this.node = node;
      return this;
    }

    /** Where handlers run; by default on the connection's I/O thread. */
    public Builder executor(Executor executor) {
      this.executor = executor;
      return this;
    }

    public Builder maxFrameBytes(int maxFrameBytes) {
      this.maxFrameBytes = maxFrameBytes;
      return this;
    }

    /** How long a new connection may stay silent before its HELLO; then it is dropped. */
    public Builder helloTimeout(Duration helloTimeout) {
      this.helloTimeout = helloTimeout;
      return this;
    }

    /** How far a subscriber may fall behind before it is disconnected. */
    public Builder maxPendingPushBytes(long bytes) {
      this.maxPendingPushBytes = bytes;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder accounts(SystemAccounts accounts) {
      this.accounts = accounts;
      return this;
    }

    /** Who may use a local socket; by default root, haclient and this process's user. */
    public Builder localPolicy(LocalPeerPolicy localPolicy) {
      this.localPolicy = localPolicy;
      return this;
    }

    /** How TCP clients are authenticated; required for a TCP endpoint. */
    public Builder passwordCheck(PasswordCheck passwordCheck) {
      this.passwordCheck = passwordCheck;
      return this;
    }

    /**
     * Called (on an I/O thread) when a connection that completed HELLO closes, for whatever reason:
     * so a daemon can treat a vanished client at once (e.g. as a process-down event).
     */
    public Builder onDisconnect(Consumer<ConnectionInfo> onDisconnect) {
      this.onDisconnect = onDisconnect;
      return this;
    }

    public MessageServer build(EventLoops loops) {
      LocalPeerPolicy policy =
          localPolicy != null ? localPolicy : LocalPeerPolicy.forThisProcess(accounts);
      return new MessageServer(
          new Settings(
              name,
              node,
              Map.copyOf(handlers),
              executor,
              new EnvelopeCodec(),
              maxFrameBytes,
              helloTimeout,
              maxPendingPushBytes,
              clock,
              policy,
              accounts,
              passwordCheck,
              onDisconnect),
          loops);
    }
  }
}
