package org.pacer.stonithd.port.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.pacer.messaging.envelope.Json;
import org.pacer.messaging.rpc.ClientOptions;
import org.pacer.messaging.rpc.MessageClient;
import org.pacer.messaging.transport.Endpoint;
import org.pacer.messaging.transport.EventLoops;
import org.pacer.stonithd.coordination.FencingMessage;
import org.pacer.stonithd.daemon.DaemonThreads;
import org.pacer.stonithd.port.FencingGroup;
import org.pacer.stonithd.port.GroupView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code stonithd} group through a {@link GroupHub}. */
public final class HubGroup implements FencingGroup {

  private static final Logger log = LoggerFactory.getLogger(HubGroup.class);
  private static final Duration CALL = Duration.ofSeconds(5);

  private final String node;
  private final MessageClient client;
  private final ScheduledExecutorService heartbeat = DaemonThreads.scheduled("group-heartbeat");

  public HubGroup(EventLoops loops, Endpoint hub, String node) throws IOException {
    this.node = node;
    this.client =
        MessageClient.connect(
            loops, hub, ClientOptions.named("stonithd@" + node).withReconnect(false));
  }

  @Override
  public String localName() {
    return node;
  }

  @Override
  public void join(GroupListener listener) {
    client.subscribe(GroupHub.DELIVER_TOPIC + node, push -> deliver(listener, push)).join();
    client.request("group.join", Json.mapper().createObjectNode().put("node", node), CALL).join();
    heartbeat.scheduleWithFixedDelay(
        () ->
            client
                .request(
                    "group.heartbeat", Json.mapper().createObjectNode().put("node", node), CALL)
                .exceptionally(
                    e -> {
                      log.warn("group heartbeat failed: {}", e.getMessage());
                      return null;
                    }),
        200,
        200,
        TimeUnit.MILLISECONDS);
  }

  private void deliver(GroupListener listener, JsonNode push) {
    try {
      if ("view".equals(push.path("kind").asText())) {
        listener.configurationChanged(
            new GroupView(
                push.path("viewId").asLong(),
                names(push.path("members")),
                names(push.path("left")),
                names(push.path("joined"))));
      } else {
        FencingMessage m = Json.mapper().treeToValue(push.path("message"), FencingMessage.class);
        listener.delivered(push.path("sender").asText(), m);
      }
    } catch (Exception e) {
      log.error("dropping a group delivery that cannot be read: {}", e.toString());
    }
  }

  private static List<String> names(JsonNode array) {
    List<String> list = new ArrayList<>();
    array.forEach(n -> list.add(n.asText()));
    return list;
  }

  @Override
  public void send(FencingMessage message) {
    var body = Json.mapper().createObjectNode().put("node", node);
    body.set("message", Json.mapper().valueToTree(message));
    client
        .request("group.send", body, CALL)
        .exceptionally(
            e -> {
              log.error(
                  "sending {} to the group failed: {}",
                  message.getClass().getSimpleName(),
                  e.getMessage());
              return null;
            });
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
    client.close();
  }
}
