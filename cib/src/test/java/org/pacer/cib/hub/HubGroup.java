package org.pacer.cib.hub;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.pacer.cib.replication.ProcessGroup;
import org.pacer.cib.replication.View;
import org.pacer.messaging.rpc.ClientOptions;
import org.pacer.messaging.rpc.MessageClient;
import org.pacer.messaging.transport.Endpoint;
import org.pacer.messaging.transport.EventLoops;

/** A daemon's handle on {@link GroupHubServer}: a {@link ProcessGroup} across processes. */
public final class HubGroup implements ProcessGroup {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private final MessageClient client;
  private final ScheduledExecutorService keepalive =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "hub-keepalive");
            t.setDaemon(true);
            return t;
          });
  private volatile String node;

  public HubGroup(EventLoops loops, int port) {
    try {
      client =
          MessageClient.connect(
              loops,
              Endpoint.Tcp.plain("127.0.0.1", port),
              ClientOptions.named("hub-member")
                  .withCredentials("member", GroupHubServer.PASSWORD)
                  .withConnectWait(Duration.ofSeconds(10))
                  .withReconnect(false));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ObjectNode body() {
    ObjectNode o = F.objectNode();
    o.put("node", node);
    return o;
  }

  @Override
  public void join(String group, String node, Listener listener) {
    this.node = node;
    client
        .subscribe(
            "hub." + node,
            push -> {
              if (push.path("kind").asText().equals("view")) {
                List<String> members = new ArrayList<>();
                push.path("members").forEach(m -> members.add(m.asText()));
                listener.onView(new View(push.path("id").asLong(), members));
              } else {
                try {
                  listener.onDeliver(
                      push.path("sender").asText(), push.path("payload").binaryValue());
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              }
            })
        .join();
    client.request("hub.join", body(), Duration.ofSeconds(10)).join();
    keepalive.scheduleWithFixedDelay(
        () -> client.request("hub.keepalive", body(), Duration.ofSeconds(2)),
        100,
        100,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void send(byte[] message) {
    ObjectNode b = body();
    b.put("payload", message);
    client.request("hub.send", b, Duration.ofSeconds(10));
  }

  @Override
  public void close() {
    keepalive.shutdownNow();
    try {
      client.request("hub.leave", body(), Duration.ofSeconds(2)).get(2, TimeUnit.SECONDS);
    } catch (Exception e) {
      // The lease runs out instead.
    }
    client.close();
  }
}
