package org.pacer.stonithd.port.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.pacer.messaging.rpc.MessageServer;
import org.pacer.messaging.rpc.Request;
import org.pacer.messaging.rpc.RequestException;
import org.pacer.messaging.transport.Endpoint;
import org.pacer.messaging.transport.EventLoops;
import org.pacer.stonithd.daemon.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process group served by one sequencer process, for running several stonithd daemons on one
 * machine until membership's CPG client is there. It gives what {@link
 * org.pacer.stonithd.port.FencingGroup} promises: one agreed order of messages and configuration
 * changes per component, a member's own messages included. Members join, send and heartbeat by
 * request; a member silent for {@link #SILENCE_MS} (killed, fenced) is removed with a configuration
 * change. Tests can split the members into components and heal them, which is how a network
 * partition looks to the group.
 */
public final class GroupHub implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GroupHub.class);
  static final long SILENCE_MS = 1_500;
  public static final String DELIVER_TOPIC = "group.deliver.";

  private final MessageServer server;
  private final ScheduledExecutorService timer = DaemonThreads.scheduled("group-hub-liveness");
  private final Map<String, Member> members = new LinkedHashMap<>();
  private long viewId;
  private int nextComponent = 1;

  private static final class Member {
    final String name;
    int component;
    long lastSeen;
    List<String> view = List.of();

    Member(String name, int component, long now) {
      this.name = name;
      this.component = component;
      this.lastSeen = now;
    }
  }

  private GroupHub(EventLoops loops, Endpoint endpoint) throws IOException {
    server =
        MessageServer.builder("group-hub")
            .handle("group.join", this::join)
            .handle("group.send", this::send)
            .handle("group.heartbeat", this::heartbeat)
            .handle("group.partition", this::partition)
            .handle("group.heal", this::heal)
            .build(loops)
            .start(endpoint);
    timer.scheduleWithFixedDelay(this::expire, 100, 100, TimeUnit.MILLISECONDS);
  }

  public static GroupHub start(EventLoops loops, Endpoint endpoint) throws IOException {
    return new GroupHub(loops, endpoint);
  }

  public Endpoint endpoint() {
    return server.endpoint();
  }

  private static String node(Request r) {
    JsonNode n = r.body().path("node");
    if (!n.isTextual() || n.asText().isBlank()) {
      throw RequestException.badRequest("the body needs a node name");
    }
    return n.asText();
  }

  private CompletableFuture<JsonNode> join(Request r) {
    String name = node(r);
    synchronized (this) {
      Member m = members.get(name);
      if (m == null) {
        int component = members.isEmpty() ? nextComponent++ : firstComponent();
        members.put(name, new Member(name, component, System.currentTimeMillis()));
        log.info("{} joined", name);
        announce(members.get(name).component);
      } else {
        m.lastSeen = System.currentTimeMillis();
      }
    }
    return ok();
  }

  private int firstComponent() {
    return members.values().iterator().next().component;
  }

  private CompletableFuture<JsonNode> send(Request r) {
    String name = node(r);
    JsonNode message = r.body().path("message");
    synchronized (this) {
      Member m = members.get(name);
      if (m == null) {
        throw new RequestException("not-member", name + " is not a member of the group");
      }
      m.lastSeen = System.currentTimeMillis();
      ObjectNode push = JsonNodeFactory.instance.objectNode();
      push.put("kind", "message");
      push.put("sender", name);
      push.set("message", message);
      for (Member to : members.values()) {
        if (to.component == m.component) {
          server.publish(DELIVER_TOPIC + to.name, push);
        }
      }
    }
    return ok();
  }

  private CompletableFuture<JsonNode> heartbeat(Request r) {
    String name = node(r);
    synchronized (this) {
      Member m = members.get(name);
      if (m == null) {
        throw new RequestException("not-member", name + " is not a member of the group");
      }
      m.lastSeen = System.currentTimeMillis();
    }
    return ok();
  }

  /** Body {"side": [names]}: those members form one component, the others another. */
  private CompletableFuture<JsonNode> partition(Request r) {
    List<String> side = new ArrayList<>();
    r.body().path("side").forEach(n -> side.add(n.asText()));
    partition(side);
    return ok();
  }

  /** Splits the members: {@code side} in one component, the others in another. */
  public void partition(List<String> side) {
    synchronized (this) {
      int a = nextComponent++;
      int b = nextComponent++;
      for (Member m : members.values()) {
        m.component = side.contains(m.name) ? a : b;
      }
      log.info("partition: {} | the rest", side);
      announce(a);
      announce(b);
    }
  }

  private CompletableFuture<JsonNode> heal(Request r) {
    heal();
    return ok();
  }

  /** Puts every member back in one component. */
  public void heal() {
    synchronized (this) {
      int c = nextComponent++;
      members.values().forEach(m -> m.component = c);
      log.info("partition healed");
      announce(c);
    }
  }

  private void expire() {
    long now = System.currentTimeMillis();
    synchronized (this) {
      List<Integer> changed = new ArrayList<>();
      members
          .values()
          .removeIf(
              m -> {
                if (now - m.lastSeen > SILENCE_MS) {
                  log.info("{} silent for {} ms: removed", m.name, now - m.lastSeen);
                  changed.add(m.component);
                  return true;
                }
                return false;
              });
      changed.stream().distinct().forEach(this::announce);
    }
  }

  /** Caller holds the lock: every member of the component gets its view of the change. */
  private void announce(int component) {
    long id = ++viewId;
    List<String> names = new ArrayList<>();
    for (Member m : members.values()) {
      if (m.component == component) {
        names.add(m.name);
      }
    }
    names.sort(null);
    for (Member m : members.values()) {
      if (m.component != component) {
        continue;
      }
      List<String> left = new ArrayList<>(m.view);
      left.removeAll(names);
      List<String> joined = new ArrayList<>(names);
      joined.removeAll(m.view);
      m.view = List.copyOf(names);
      ObjectNode push = JsonNodeFactory.instance.objectNode();
      push.put("kind", "view");
      push.put("viewId", id);
      names.forEach(push.putArray("members")::add);
      left.forEach(push.putArray("left")::add);
      joined.forEach(push.putArray("joined")::add);
      server.publish(DELIVER_TOPIC + m.name, push);
    }
  }

  public synchronized Set<String> memberNames() {
    return Set.copyOf(members.keySet());
  }

  private static CompletableFuture<JsonNode> ok() {
    return CompletableFuture.completedFuture(JsonNodeFactory.instance.objectNode().put("ok", true));
  }

  @Override
  public void close() {
    timer.shutdownNow();
    server.close();
  }
}
