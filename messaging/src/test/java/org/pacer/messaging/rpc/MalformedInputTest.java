package org.pacer.messaging.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.node.IntNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.messaging.testing.CapturedLog;
import org.pacer.messaging.testing.Eventually;
import org.pacer.messaging.testing.RawSocket;
import org.pacer.messaging.transport.Endpoint;
import org.pacer.messaging.transport.EventLoops;

/**
 * Throws broken input at a server: it must log one line per bad connection, drop it, and keep
 * serving a well-behaved client throughout.
 */
class MalformedInputTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  private EventLoops loops;
  private MessageServer server;
  private MessageClient good;
  private Path socket;

  @BeforeEach
  void start() throws Exception {
    loops = EventLoops.create("fuzz-io", 2);
    socket = dir.resolve("fuzz.sock");
    server =
        MessageServer.builder("fuzz-server")
            .maxFrameBytes(64 * 1024)
            .helloTimeout(Duration.ofMillis(300))
            .handle("echo", r -> CompletableFuture.completedFuture(r.body()))
            .build(loops)
            .start(new Endpoint.Local(socket));
    good = MessageClient.connect(loops, server.endpoint(), ClientOptions.named("good"));
  }

  @AfterEach
  void stop() {
    good.close();
    server.close();
    loops.close();
  }

  private void assertStillServing(int i) throws Exception {
    assertEquals(IntNode.valueOf(i), good.request("echo", i, WAIT).get());
  }

  @Test
  void randomAndMalformedFramesNeverStopTheServer() throws Exception {
    long seed = Long.getLong("seed", System.nanoTime());
    Random random = new Random(seed);
    int connections = 300;
    try (CapturedLog log = new CapturedLog(ServerConnection.class)) {
      for (int i = 0; i < connections; i++) {
        try (RawSocket raw = RawSocket.connect(socket)) {
          byte[] attack = attack(random);
          try {
            raw.write(attack);
          } catch (IOException e) {
            // The server may already have dropped us: that is the point.
          }
        }
        if (i % 25 == 0) {
          assertStillServing(i);
        }
      }
      Eventually.await("bad connections to be dropped", WAIT, () -> server.connectionCount() == 1);
      assertStillServing(-1);
      List<String> messages = log.messages();
      assertTrue(
          log.events().stream().noneMatch(e -> e.getLevel() == Level.ERROR),
          "seed " + seed + ": " + messages);
      assertTrue(
          messages.size() <= connections,
          "seed " + seed + ": more than one line per bad connection: " + messages.size());
      assertTrue(
          messages.stream().noneMatch(m -> m.contains("unexpected error")),
          "seed " + seed + ": " + messages);
    }
  }

  /** One of the ways a peer can send nonsense. */
  private static byte[] attack(Random random) {
    return switch (random.nextInt(8)) {
      case 0 -> randomBytes(random, 1 + random.nextInt(200));
      case 1 -> frame(randomBytes(random, random.nextInt(300)));
      case 2 -> frame("{not json".getBytes(StandardCharsets.UTF_8));
      case 3 -> frame("{\"kind\":\"TELEPORT\",\"id\":1}".getBytes(StandardCharsets.UTF_8));
      case 4 -> ByteBuffer.allocate(8).putInt(Integer.MAX_VALUE).putInt(7).array();
      case 5 -> truncated(random);
      case 6 ->
          concat(
              frame(
                  "{\"kind\":\"HELLO\",\"type\":\"$hello\",\"id\":1,\"body\":{}}"
                      .getBytes(StandardCharsets.UTF_8)),
              randomBytes(random, 50));
      default -> frame("[1,2,3]".getBytes(StandardCharsets.UTF_8));
    };
  }

  private static byte[] truncated(Random random) {
    byte[] full =
        frame(
            "{\"kind\":\"HELLO\",\"id\":1,\"body\":{\"client\":\"x\"}}"
                .getBytes(StandardCharsets.UTF_8));
    byte[] part = new byte[1 + random.nextInt(full.length - 1)];
    System.arraycopy(full, 0, part, 0, part.length);
    return part;
  }

  private static byte[] randomBytes(Random random, int n) {
    byte[] bytes = new byte[n];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] frame(byte[] body) {
    return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
  }

  @Test
  void silentClientIsDroppedAfterTheHelloTimeout() throws Exception {
    try (CapturedLog log = new CapturedLog(ServerConnection.class);
        RawSocket raw = RawSocket.connect(socket)) {
      assertEquals(0, raw.drainUntilClosed());
      Eventually.await("the drop to be logged", WAIT, () -> !log.messages().isEmpty());
      assertTrue(
          log.messages().get(0).contains("sent no HELLO within 300 ms"), log.messages().toString());
    }
    assertStillServing(1);
  }

  @Test
  void disconnectInTheMiddleOfAFrameIsLogged() throws Exception {
    try (CapturedLog log = new CapturedLog(ServerConnection.class)) {
      try (RawSocket raw = RawSocket.connect(socket)) {
        raw.write(ByteBuffer.allocate(6).putInt(100).put((byte) '{').put((byte) '"').array());
      }
      Eventually.await("the drop to be logged", WAIT, () -> !log.messages().isEmpty());
      assertTrue(
          log.messages().get(0).contains("in the middle of a frame (2 of 100 frame bytes)"),
          log.messages().toString());
    }
    assertStillServing(2);
  }

  @Test
  void unknownKindIsNamed() throws Exception {
    try (CapturedLog log = new CapturedLog(ServerConnection.class);
        RawSocket raw = RawSocket.connect(socket)) {
      raw.writeFrame("{\"kind\":\"TELEPORT\",\"id\":1}");
      raw.drainUntilClosed();
      Eventually.await("the drop to be logged", WAIT, () -> !log.messages().isEmpty());
      assertTrue(
          log.messages().get(0).contains("unknown envelope kind 'TELEPORT'"),
          log.messages().toString());
    }
    assertStillServing(3);
  }

  @Test
  void requestBeforeHelloIsAProtocolError() throws Exception {
    try (CapturedLog log = new CapturedLog(ServerConnection.class);
        RawSocket raw = RawSocket.connect(socket)) {
      raw.writeFrame("{\"kind\":\"REQUEST\",\"type\":\"echo\",\"id\":1,\"body\":1}");
      raw.drainUntilClosed();
      Eventually.await("the drop to be logged", WAIT, () -> !log.messages().isEmpty());
      assertTrue(
          log.messages().get(0).contains("sent REQUEST before HELLO"), log.messages().toString());
    }
    assertStillServing(4);
  }
}
