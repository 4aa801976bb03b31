package org.pacer.messaging.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.pacer.messaging.datagram.AuthKey;
import org.pacer.messaging.datagram.DatagramTransport;
import org.pacer.messaging.datagram.PacketSealer;
import org.pacer.messaging.rpc.ClientOptions;
import org.pacer.messaging.rpc.MessageClient;
import org.pacer.messaging.rpc.MessageServer;
import org.pacer.messaging.testing.PerformanceReport;
import org.pacer.messaging.transport.Endpoint;
import org.pacer.messaging.transport.EventLoops;

/**
 * Request/response round trips over the local socket (sequential and 16 concurrent clients) and
 * authenticated datagrams over loopback. Writes its table into docs/performance.md.
 *
 * <p>Run: {@value #COMMAND}
 */
public final class MessagingBench {

  static final String COMMAND =
      "mvn -q -pl messaging test-compile exec:java -Dexec.classpathScope=test"
          + " -Dexec.mainClass=org.pacer.messaging.bench.MessagingBench";

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int WINDOW = 256;

  public static void main(String[] args) throws Exception {
    int requests = Integer.getInteger("requests", 20_000);
    StringBuilder table = new StringBuilder();
    table.append("## messaging\n\n");
    table.append("Measured ").append(Instant.now().toString(), 0, 10);
    table.append(" on this machine (").append(Runtime.getRuntime().availableProcessors());
    table.append(" cores), with `").append(COMMAND).append("`.\n\n");
    table.append("| what | operations | ops/s | p50 µs | p99 µs |\n|---|---|---|---|---|\n");
    Path dir = Files.createTempDirectory("pacer-bench");
    try (EventLoops loops = EventLoops.create("bench-io", 2);
        MessageServer server =
            MessageServer.builder("bench")
                .handle("echo", r -> CompletableFuture.completedFuture(r.body()))
                .build(loops)
                .start(new Endpoint.Local(dir.resolve("bench.sock")))) {
      ObjectNode body = JsonNodeFactory.instance.objectNode().put("resource", "web").put("rc", 0);
      warmUp(loops, server, body);
      table.append(
          row("local socket, 1 client, sequential", roundTrips(loops, server, body, 1, requests)));
      table.append(
          row(
              "local socket, 16 clients, each sequential",
              roundTrips(loops, server, body, 16, requests / 4)));
    }
    for (String cipher : new String[] {"none", "aes256"}) {
      table.append(datagrams(cipher, 200_000));
    }
    table.append(
        "\nRound trips carry a small JSON body through the whole stack (framing, envelope"
            + " encoding, handler dispatch). Datagrams are 1 KiB payloads sealed with HMAC-SHA256"
            + " (cipher none) or AES-256-GCM by one sender thread with at most 256 in flight, and"
            + " opened and counted by the receiver.\n");
    System.out.println(table);
    PerformanceReport.update(PerformanceReport.locate(), "messaging", table.toString());
  }

  private record Result(long operations, double seconds, long[] latencies) {}

  private static String row(String what, Result r) {
    return String.format(
        "| %s | %d | %.0f | %.1f | %.1f |%n",
        what,
        r.operations(),
        r.operations() / r.seconds(),
        PerformanceReport.percentileMicros(r.latencies(), 50),
        PerformanceReport.percentileMicros(r.latencies(), 99));
  }

  private static void warmUp(EventLoops loops, MessageServer server, JsonNode body)
      throws Exception {
    roundTrips(loops, server, body, 4, 5_000);
  }

  private static Result roundTrips(
      EventLoops loops, MessageServer server, JsonNode body, int clients, int perClient)
      throws Exception {
    List<MessageClient> connected = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      connected.add(
          MessageClient.connect(loops, server.endpoint(), ClientOptions.named("bench" + i)));
    }
    long[] latencies = new long[clients * perClient];
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int offset = c * perClient;
      MessageClient client = connected.get(c);
      done.add(
          pool.submit(
              () -> {
                for (int i = 0; i < perClient; i++) {
                  long t0 = System.nanoTime();
                  client.request("echo", body, TIMEOUT).join();
                  latencies[offset + i] = System.nanoTime() - t0;
                }
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    connected.forEach(MessageClient::close);
    return new Result(latencies.length, seconds, latencies);
  }

  private static String datagrams(String cipher, int count) throws Exception {
    byte[] keyBytes = new byte[256];
    new Random(1).nextBytes(keyBytes);
    PacketSealer sealer = PacketSealer.create(AuthKey.of(keyBytes), "bench", "sha256", cipher);
    AtomicLong received = new AtomicLong();
    AtomicLong lastArrival = new AtomicLong();
    try (EventLoops loops = EventLoops.create("bench-udp", 2);
        DatagramTransport rx =
            DatagramTransport.bind(
                loops,
                new InetSocketAddress("127.0.0.1", 0),
                sealer,
                (from, payload) -> {
                  received.incrementAndGet();
                  lastArrival.set(System.nanoTime());
                },
                Clock.systemUTC());
        DatagramTransport tx =
            DatagramTransport.bind(
                loops,
                new InetSocketAddress("127.0.0.1", 0),
                sealer,
                (f, p) -> {},
                Clock.systemUTC())) {
      byte[] payload = new byte[1024];
      long start = System.nanoTime();
      // Keep at most WINDOW packets in flight so the figure is the sustainable rate, not the
      // rate at which the kernel drops an unpaced flood.
      long lost = 0;
      for (int i = 0; i < count; i++) {
        long waitUntil = System.nanoTime() + 50_000_000L;
        while (i - lost - received.get() > WINDOW) {
          if (System.nanoTime() > waitUntil) {
            lost = i - received.get();
            break;
          }
          java.util.concurrent.locks.LockSupport.parkNanos(10_000);
        }
        tx.send(rx.localAddress(), payload);
      }
      long sent = System.nanoTime();
      Thread.sleep(500);
      double seconds = (Math.max(lastArrival.get(), sent) - start) / 1e9;
      return String.format(
          "| UDP 1 KiB datagrams, %s, sealed + opened | %d sent, %d received | %.0f | – | – |%n",
          cipher.equals("none") ? "HMAC-SHA256" : "AES-256-GCM",
          count,
          received.get(),
          received.get() / seconds);
    }
  }
}
