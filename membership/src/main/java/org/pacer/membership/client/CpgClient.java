package org.pacer.membership.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.pacer.membership.api.CpgPush;
import org.pacer.membership.api.CpgRequests;
import org.pacer.messaging.envelope.Json;
import org.pacer.messaging.rpc.ConnectionListener;
import org.pacer.messaging.rpc.MessageClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member of process groups (a corosync CPG handle). Messages sent to a group are delivered to
 * every member on every node in one agreed order, the sender included; membership changes arrive at
 * the same point of that order everywhere. Events reach each group's {@link Listener} one at a
 * time, in order, on an I/O thread (listeners must not block).
 *
 * <p>The handle renews a lease with the daemon every second; if the process dies or hangs, the
 * lease runs out and the other members see it leave with reason {@code procdown}. If the daemon
 * restarts, the handle joins its groups again and the listener sees a new configuration.
 */
public final class CpgClient implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CpgClient.class);

  /** Receives one group's events. */
  public interface Listener {
    void delivered(String group, CpgPush.GroupMember sender, byte[] payload);

    void configurationChanged(
        String group,
        List<CpgPush.GroupMember> members,
        List<CpgPush.GroupChange> joined,
        List<CpgPush.GroupChange> left);
  }

  private final MessageClient client;
  private final String id = UUID.randomUUID().toString();
  private final Map<String, Listener> groups = new ConcurrentHashMap<>();
  private final Consumer<JsonNode> pushes = this::onPush;
  private final ScheduledExecutorService keepalive =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "cpg-keepalive");
            t.setDaemon(true);
            return t;
          });
  private volatile boolean subscribed;
  private final java.util.concurrent.atomic.AtomicBoolean rejoining =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** Messages waiting for the batch in flight to be answered. */
  private record Outgoing(String group, byte[] payload, CompletableFuture<Void> sent) {}

  private static final int BATCH_MESSAGES = 1000;
  private static final int BATCH_BYTES = 256 * 1024;
  private final java.util.ArrayDeque<Outgoing> outgoing = new java.util.ArrayDeque<>();
  private boolean batchInFlight;

  CpgClient(MessageClient client) {
    this.client = client;
    client.addConnectionListener(
        new ConnectionListener() {
          @Override
          public void connected(boolean reconnected) {
            if (reconnected) {
              groups.keySet().forEach(g -> request(CpgRequests.JOIN, new CpgRequests.Join(id, g)));
            }
          }
        });
    keepalive.scheduleWithFixedDelay(
        () -> {
          if (!groups.isEmpty()) {
            request(CpgRequests.KEEPALIVE, new CpgRequests.Keepalive(id))
                .whenComplete(
                    (v, error) -> {
                      if (forgotten(error)) {
                        rejoin();
                      }
                    });
          }
        },
        CpgRequests.LEASE_MS / 3,
        CpgRequests.LEASE_MS / 3,
        TimeUnit.MILLISECONDS);
  }

  /** This handle's id on the node (the daemon's name for it in logs). */
  public String id() {
    return id;
  }

  /** Joins a group; the future completes once the daemon has sent the join into the ring. */
  public synchronized CompletableFuture<Void> join(String group, Listener listener) {
    groups.put(group, listener);
    CompletableFuture<Void> sub =
        subscribed
            ? CompletableFuture.completedFuture(null)
            : client.subscribe(CpgRequests.topic(id), pushes);
    subscribed = true;
    return sub.thenCompose(v -> request(CpgRequests.JOIN, new CpgRequests.Join(id, group)));
  }

  public CompletableFuture<Void> leave(String group) {
    return request(CpgRequests.LEAVE, new CpgRequests.Leave(id, group))
        .thenRun(() -> groups.remove(group));
  }

  /**
   * Sends to every member of a group this handle has joined. Messages sent while an earlier batch
   * is on its way go together in the next request; the future completes when the daemon has queued
   * the message for the ring (it waits while the ring's queue is full).
   */
  public CompletableFuture<Void> send(String group, byte[] payload) {
    CompletableFuture<Void> sent = new CompletableFuture<>();
    synchronized (outgoing) {
      outgoing.add(new Outgoing(group, payload, sent));
      if (!batchInFlight) {
        batchInFlight = true;
        sendBatch();
      }
    }
    return sent;
  }

  /**
   * Sends a message object as JSON to a group, for daemons whose group protocol is a sealed message
   * type. A failed send is only logged: the daemons' protocols repair lost messages (a retry, the
   * next round), so the caller has nothing to do with the error.
   *
   * @throws IllegalStateException when the message cannot be encoded (a programming error)
   */
  public void sendJson(String group, Object message) {
    String type = message.getClass().getSimpleName();
    byte[] payload;
    try {
      payload = Json.mapper().writeValueAsBytes(message);
    } catch (Exception e) {
      throw new IllegalStateException("cannot encode " + type, e);
    }
    send(group, payload)
        .whenComplete(
            (v, error) -> {
              if (error != null) {
                log.warn("could not send {} to the {} group: {}", type, group, error.getMessage());
              }
            });
  }

  /** Sends the leading messages that share a group, within the batch limits (lock held). */
  private void sendBatch() {
    List<Outgoing> batch = new java.util.ArrayList<>();
    String group = outgoing.peek().group();
    int bytes = 0;
    while (!outgoing.isEmpty()
        && outgoing.peek().group().equals(group)
        && batch.size() < BATCH_MESSAGES
        && (batch.isEmpty() || bytes + outgoing.peek().payload().length <= BATCH_BYTES)) {
      Outgoing o = outgoing.poll();
      bytes += o.payload().length;
      batch.add(o);
    }
    List<byte[]> payloads = batch.stream().map(Outgoing::payload).toList();
    request(CpgRequests.SEND_BATCH, new CpgRequests.SendBatch(id, group, payloads))
        .whenComplete(
            (v, error) -> {
              if (forgotten(error)) {
                rejoin();
              }
              for (Outgoing o : batch) {
                if (error == null) {
                  o.sent().complete(null);
                } else {
                  o.sent().completeExceptionally(error);
                }
              }
              synchronized (outgoing) {
                if (outgoing.isEmpty()) {
                  batchInFlight = false;
                } else {
                  sendBatch();
                }
              }
            });
  }

  /** Whether a refusal says the daemon no longer knows this client (see CpgRequests.NOT_JOINED). */
  public static boolean forgotten(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains(CpgRequests.NOT_JOINED)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The daemon dropped this client (the lease ran out while the process was paused or starved) and
   * the other members saw it leave: join every group again, as after a daemon restart, so the
   * listeners see a new configuration rather than silence. One attempt at a time.
   */
  private void rejoin() {
    if (groups.isEmpty() || !rejoining.compareAndSet(false, true)) {
      return;
    }
    log.warn(
        "the membership daemon dropped client {} (its lease ran out): joining {} again",
        id,
        groups.keySet());
    CompletableFuture.allOf(
            groups.keySet().stream()
                .map(g -> request(CpgRequests.JOIN, new CpgRequests.Join(id, g)))
                .toArray(CompletableFuture[]::new))
        .whenComplete((v, e) -> rejoining.set(false));
  }

  /** The group's members as the daemon knows them now. */
  public CompletableFuture<List<CpgPush.GroupMember>> members(String group) {
    return client
        .request(CpgRequests.MEMBERS, new CpgRequests.Members(group), MembershipClient.TIMEOUT)
        .thenApply(
            node ->
                Json.mapper()
                    .convertValue(
                        node,
                        Json.mapper()
                            .getTypeFactory()
                            .constructCollectionType(List.class, CpgPush.GroupMember.class)));
  }

  private CompletableFuture<Void> request(String type, Object body) {
    return client.request(type, body, MembershipClient.TIMEOUT).thenApply(n -> null);
  }

  private void onPush(JsonNode body) {
    for (CpgPush p : Json.fromTree(body, CpgPush.Batch.class).events()) {
      Listener l = groups.get(p.group());
      if (l == null) {
        continue;
      }
      if ("deliver".equals(p.kind())) {
        l.delivered(p.group(), p.sender(), p.payload());
      } else {
        l.configurationChanged(p.group(), p.members(), p.joined(), p.left());
      }
    }
  }

  /** Leaves every group (the others see a leave, not a process-down) and stops the lease. */
  @Override
  public void close() {
    for (String g : List.copyOf(groups.keySet())) {
      try {
        leave(g).get(2, TimeUnit.SECONDS);
      } catch (Exception e) {
        // the lease runs out instead
      }
    }
    keepalive.shutdownNow();
    if (subscribed) {
      client.unsubscribe(CpgRequests.topic(id), pushes);
    }
  }
}
