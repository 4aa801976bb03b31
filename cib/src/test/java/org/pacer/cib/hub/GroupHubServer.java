package org.pacer.cib.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.pacer.messaging.rpc.MessageServer;
import org.pacer.messaging.transport.Endpoint;
import org.pacer.messaging.transport.EventLoops;

/**
 * A total-order process group served over loopback TCP, so that CIB daemons in separate processes
 * can be joined — and killed with SIGKILL — before the membership daemon's group exists. One
 * sequencing thread orders joins, sends and lease expiries; every member gets every event in that
 * order on its push topic. A member that stops renewing its lease (a killed process) leaves.
 */
public final class GroupHubServer implements AutoCloseable {
  static final String PASSWORD = "hub";
  static final long LEASE_MS = 3000;
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final ScheduledExecutorService sequencer =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "hub-sequencer"));
  private final Map<String, Long> members = new LinkedHashMap<>();
  private final MessageServer server;
  private long views;

  public GroupHubServer(EventLoops loops) throws IOException {
    server =
        MessageServer.builder("hub")
            .passwordCheck((u, p) -> PASSWORD.equals(p))
            .handle("hub.join", r -> onSequencer(() -> join(r.body().path("node").asText())))
            .handle("hub.keepalive", r -> onSequencer(() -> renew(r.body().path("node").asText())))
            .handle(
                "hub.send",
                r ->
                    onSequencer(
                        () ->
                            send(
                                r.body().path("node").asText(),
                                r.body().path("payload").binaryValue())))
            .handle("hub.leave", r -> onSequencer(() -> leave(r.body().path("node").asText())))
            .build(loops)
            .start(Endpoint.Tcp.plain("127.0.0.1", 0));
    sequencer.scheduleWithFixedDelay(this::expire, 100, 100, TimeUnit.MILLISECONDS);
  }

  public int port() {
    return ((Endpoint.Tcp) server.endpoint()).port();
  }

  interface Step {
    void run() throws Exception;
  }

  private CompletableFuture<JsonNode> onSequencer(Step step) {
    CompletableFuture<JsonNode> f = new CompletableFuture<>();
    sequencer.execute(
        () -> {
          try {
            step.run();
            f.complete(F.objectNode());
          } catch (Exception e) {
            f.completeExceptionally(e);
          }
        });
    return f;
  }

  private void join(String node) {
    members.put(node, System.nanoTime());
    views();
  }

  private void renew(String node) {
    if (members.containsKey(node)) {
      members.put(node, System.nanoTime());
    }
  }

  private void leave(String node) {
    if (members.remove(node) != null) {
      views();
    }
  }

  private void expire() {
    long now = System.nanoTime();
    List<String> gone = new ArrayList<>();
    members.forEach(
        (n, t) -> {
          if (now - t > TimeUnit.MILLISECONDS.toNanos(LEASE_MS)) {
            gone.add(n);
          }
        });
    if (!gone.isEmpty()) {
      gone.forEach(members::remove);
      views();
    }
  }

  private void send(String node, byte[] payload) {
    if (!members.containsKey(node)) {
      return;
    }
    ObjectNode push = F.objectNode();
    push.put("kind", "deliver");
    push.put("sender", node);
    push.put("payload", payload);
    members.keySet().forEach(m -> server.publish("hub." + m, push));
  }

  private void views() {
    List<String> names = new ArrayList<>(members.keySet());
    names.sort(String::compareTo);
    ObjectNode push = F.objectNode();
    push.put("kind", "view");
    push.put("id", ++views);
    names.forEach(push.putArray("members")::add);
    names.forEach(m -> server.publish("hub." + m, push));
  }

  @Override
  public void close() {
    sequencer.shutdownNow();
    server.close();
  }
}
