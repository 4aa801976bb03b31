package org.pacer.messaging.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.messaging.envelope.ErrorBody;
import org.pacer.messaging.testing.Eventually;
import org.pacer.messaging.transport.Endpoint;
import org.pacer.messaging.transport.EventLoops;

/**
 * One request/response and push suite, run over every transport (local socket, TCP, TLS) by the
 * subclasses, so all transports are held to the same behaviour.
 */
abstract class RpcSuite {

  static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  EventLoops loops;
  MessageServer server;
  final List<MessageClient> clients = new CopyOnWriteArrayList<>();
  final List<CompletableFuture<JsonNode>> neverAnswered = new CopyOnWriteArrayList<>();
  final List<ConnectionInfo> disconnected = new CopyOnWriteArrayList<>();
  final List<Long> callers = new CopyOnWriteArrayList<>();

  /** Where the server under test listens (TCP suites use port 0). */
  abstract Endpoint serverEndpoint() throws Exception;

  /** How a client reaches the bound server (TLS clients carry their trust store). */
  abstract Endpoint clientEndpoint(Endpoint bound);

  /** Client options for this transport (TCP clients carry credentials). */
  abstract ClientOptions clientOptions(String name);

  /** Server builder settings for this transport (TCP servers check passwords). */
  MessageServer.Builder configure(MessageServer.Builder builder) {
    return builder;
  }

  @BeforeEach
  void startServer() throws Exception {
    loops = EventLoops.create("test-io", 2);
    server = newServer().start(serverEndpoint());
  }

  @AfterEach
  void stop() {
    clients.forEach(MessageClient::close);
    if (server != null) {
      server.close();
    }
    loops.close();
  }

  MessageServer newServer() {
    return configure(MessageServer.builder("test-server").node("n1"))
        .onDisconnect(disconnected::add)
        .handle("echo", request -> CompletableFuture.completedFuture(request.body()))
        .handle(
            "register",
            request -> {
              callers.add(request.connection());
              return CompletableFuture.completedFuture(null);
            })
        .handle(
            "whoami",
            request -> CompletableFuture.completedFuture(TextNode.valueOf(request.peer().user())))
        .handle(
            "refuse",
            request -> {
              throw new RequestException("NOPE", "refused on purpose");
            })
        .handle(
            "crash",
            request -> {
              throw new IllegalStateException("boom");
            })
        .handle(
            "hang",
            request -> {
              CompletableFuture<JsonNode> f = new CompletableFuture<>();
              neverAnswered.add(f);
              return f;
            })
        .build(loops);
  }

  MessageClient client(String name) throws Exception {
    MessageClient client =
        MessageClient.connect(loops, clientEndpoint(server.endpoint()), clientOptions(name));
    clients.add(client);
    return client;
  }

  static Throwable failure(CompletableFuture<?> future) throws Exception {
    ExecutionException e =
        assertThrows(
            ExecutionException.class, () -> future.get(WAIT.toSeconds(), TimeUnit.SECONDS));
    return e.getCause();
  }

  @Test
  void requestGetsItsResponse() throws Exception {
    MessageClient client = client("c1");
    JsonNode body = JsonNodeFactory.instance.objectNode().put("x", 42).put("s", "hé");
    assertEquals(body, client.request("echo", body, WAIT).get());
  }

  @Test
  void recordsConvertBothWays() throws Exception {
    record Point(int x, int y) {}
    MessageClient client = client("c1");
    assertEquals(new Point(1, 2), client.request("echo", new Point(1, 2), Point.class, WAIT).get());
  }

  @Test
  void handlerErrorReachesTheCallerWithItsCode() throws Exception {
    Throwable cause = failure(client("c1").request("refuse", null, WAIT));
    RemoteException remote = assertInstanceOf(RemoteException.class, cause);
    assertEquals("NOPE", remote.code());
    assertEquals("refused on purpose", remote.getMessage());
  }

  @Test
  void handlerCrashIsAnInternalErrorAndTheConnectionStays() throws Exception {
    MessageClient client = client("c1");
    RemoteException remote =
        assertInstanceOf(RemoteException.class, failure(client.request("crash", null, WAIT)));
    assertEquals(ErrorBody.INTERNAL, remote.code());
    assertTrue(remote.getMessage().contains("boom"), remote.getMessage());
    assertEquals(TextNode.valueOf("ok"), client.request("echo", "ok", WAIT).get());
  }

  @Test
  void unknownTypeIsNamedInTheError() throws Exception {
    MessageClient client = client("c1");
    RemoteException remote =
        assertInstanceOf(RemoteException.class, failure(client.request("nosuch", null, WAIT)));
    assertEquals(ErrorBody.NO_HANDLER, remote.code());
    assertTrue(remote.getMessage().contains("'nosuch'"), remote.getMessage());
    assertEquals(TextNode.valueOf("still here"), client.request("echo", "still here", WAIT).get());
  }

  @Test
  void unansweredRequestFailsAtItsDeadline() throws Exception {
    Throwable cause = failure(client("c1").request("hang", null, Duration.ofMillis(200)));
    assertInstanceOf(DeadlineExceededException.class, cause);
    assertTrue(cause.getMessage().contains("'hang'"), cause.getMessage());
  }

  @Test
  void pushesReachSubscribersOnly() throws Exception {
    MessageClient subscriber = client("sub");
    MessageClient other = client("other");
    List<JsonNode> got = new CopyOnWriteArrayList<>();
    List<JsonNode> otherGot = new CopyOnWriteArrayList<>();
    subscriber.subscribe("cib.diff", got::add).get();
    other.subscribe("something.else", otherGot::add).get();
    server.publish("cib.diff", TextNode.valueOf("d1"));
    server.publish("cib.diff", TextNode.valueOf("d2"));
    Eventually.await("two pushes", WAIT, () -> got.size() == 2);
    assertEquals(List.of(TextNode.valueOf("d1"), TextNode.valueOf("d2")), got);
    assertTrue(otherGot.isEmpty());
  }

  @Test
  void unsubscribedTopicStopsArriving() throws Exception {
    MessageClient client = client("c1");
    List<JsonNode> got = new CopyOnWriteArrayList<>();
    java.util.function.Consumer<JsonNode> listener = got::add;
    client.subscribe("t", listener).get();
    client.unsubscribe("t", listener).get();
    server.publish("t", TextNode.valueOf("late"));
    client.request("echo", "barrier", WAIT).get();
    assertTrue(got.isEmpty(), got.toString());
  }

  @Test
  void pendingCallFailsAtOnceWhenTheServerGoesAway() throws Exception {
    MessageClient client = client("c1");
    CompletableFuture<JsonNode> call = client.request("hang", null, Duration.ofMinutes(5));
    Eventually.await("request to arrive", WAIT, () -> !neverAnswered.isEmpty());
    server.close();
    Throwable cause = failure(call);
    assertInstanceOf(ConnectionLostException.class, cause);
    assertTrue(cause.getMessage().contains("'hang'"), cause.getMessage());
    Throwable whileDown = failure(client.request("echo", "x", WAIT));
    assertInstanceOf(ConnectionLostException.class, whileDown);
  }

  @Test
  void clientReconnectsAndResubscribesAfterServerRestart() throws Exception {
    MessageClient client = client("c1");
    List<JsonNode> got = new CopyOnWriteArrayList<>();
    AtomicInteger reconnects = new AtomicInteger();
    client.addConnectionListener(
        new ConnectionListener() {
          @Override
          public void connected(boolean reconnected) {
            if (reconnected) {
              reconnects.incrementAndGet();
            }
          }
        });
    client.subscribe("t", got::add).get();
    Endpoint bound = server.endpoint();
    server.close();
    Eventually.await("client to notice", WAIT, () -> !client.isConnected());
    server = newServer().start(bound);
    Eventually.await("client to reconnect", WAIT, () -> reconnects.get() == 1);
    server.publish("t", TextNode.valueOf("after restart"));
    Eventually.await("push after restart", WAIT, () -> got.size() == 1);
    assertEquals(
        TextNode.valueOf("after restart"), client.request("echo", "after restart", WAIT).get());
  }

  @Test
  void theServerKnowsWhoIsCalling() throws Exception {
    JsonNode user = client("c1").request("whoami", null, WAIT).get();
    assertTrue(!user.asText().isEmpty());
  }

  @Test
  void oversizedRequestFailsWithoutBreakingTheConnection() throws Exception {
    server.close();
    server =
        configure(MessageServer.builder("small").maxFrameBytes(1024))
            .handle("echo", r -> CompletableFuture.completedFuture(r.body()))
            .build(loops)
            .start(serverEndpoint());
    MessageClient client = client("c1");
    // The client learned the server's limit at HELLO, so the request fails before it is sent.
    Throwable cause = failure(client.request("echo", "x".repeat(4096), WAIT));
    assertInstanceOf(MessagingException.class, cause);
    assertTrue(cause.getMessage().contains("maximum frame size of 1024"), cause.getMessage());
    assertTrue(client.isConnected());
    assertEquals(TextNode.valueOf("small"), client.request("echo", "small", WAIT).get());
  }

  @Test
  void pushToOneConnectionReachesOnlyIt() throws Exception {
    MessageClient a = client("a");
    MessageClient b = client("b");
    List<JsonNode> gotA = new CopyOnWriteArrayList<>();
    List<JsonNode> gotB = new CopyOnWriteArrayList<>();
    a.subscribe("events.a", gotA::add).get();
    b.subscribe("events.a", gotB::add).get();
    a.request("register", null, WAIT).get();
    assertTrue(server.push(callers.get(0), "events.a", TextNode.valueOf("only a")));
    Eventually.await("push to a", WAIT, () -> gotA.size() == 1);
    b.request("echo", "barrier", WAIT).get();
    assertTrue(gotB.isEmpty(), gotB.toString());
    a.close();
    Eventually.await("a's connection to go", WAIT, () -> server.connectionCount() == 1);
    assertTrue(!server.push(callers.get(0), "events.a", TextNode.valueOf("gone")));
  }

  @Test
  void theServerIsToldWhenAClientGoes() throws Exception {
    MessageClient a = client("leaver");
    a.request("register", null, WAIT).get();
    a.close();
    Eventually.await("disconnect callback", WAIT, () -> disconnected.size() == 1);
    assertEquals("leaver", disconnected.get(0).client());
    assertEquals(callers.get(0).longValue(), disconnected.get(0).id());
  }
}
