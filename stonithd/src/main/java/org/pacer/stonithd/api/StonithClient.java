package org.pacer.stonithd.api;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.pacer.messaging.envelope.Json;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.rpc.ClientOptions;
import org.pacer.messaging.rpc.MessageClient;
import org.pacer.messaging.transport.Endpoint;
import org.pacer.messaging.transport.EventLoops;
import org.pacer.stonithd.api.StonithProtocol.*;
import org.pacer.stonithd.coordination.HistoryEntry;

/**
 * The client of the local stonithd, for the controller and the shell: fence and wait, history,
 * devices, and a subscription to every result.
 */
public final class StonithClient implements AutoCloseable {

  /** Margin on top of an operation's timeout for the reply to travel. */
  private static final Duration REPLY_MARGIN = Duration.ofSeconds(10);

  private static final Duration QUERY = Duration.ofSeconds(30);

  private final MessageClient client;

  /** Event loops this client made for itself (a one-shot command), closed with it. */
  private final EventLoops ownLoops;

  private StonithClient(MessageClient client, EventLoops ownLoops) {
    this.client = client;
    this.ownLoops = ownLoops;
  }

  /**
   * Connects to the node's stonithd with event loops of its own, for a command that makes one
   * connection and exits; {@link #close} releases them.
   */
  public static StonithClient connectLocal(NodePaths paths, String name) throws IOException {
    EventLoops loops = EventLoops.create("stonith-client", 1);
    try {
      MessageClient c =
          MessageClient.connect(
              loops,
              new Endpoint.Local(paths.socket(StonithProtocol.DAEMON)),
              ClientOptions.named(name));
      return new StonithClient(c, loops);
    } catch (IOException | RuntimeException e) {
      loops.close();
      throw e;
    }
  }

  public static StonithClient connect(EventLoops loops, NodePaths paths, String name)
      throws IOException {
    return connect(loops, new Endpoint.Local(paths.socket(StonithProtocol.DAEMON)), name);
  }

  public static StonithClient connect(EventLoops loops, Endpoint endpoint, String name)
      throws IOException {
    return new StonithClient(
        MessageClient.connect(loops, endpoint, ClientOptions.named(name)), null);
  }

  /** Asks for fencing and completes with the result (successful or failed). */
  public CompletableFuture<FenceReply> fence(
      String target, String action, Duration timeout, Duration delay, String clientName) {
    return fence(target, action, timeout, delay, Duration.ZERO, clientName);
  }

  /**
   * Like {@link #fence(String, String, Duration, Duration, String)}; when the same action on the
   * target succeeded less than {@code tolerance} ago, that result comes back and nothing runs.
   */
  public CompletableFuture<FenceReply> fence(
      String target,
      String action,
      Duration timeout,
      Duration delay,
      Duration tolerance,
      String clientName) {
    FenceRequest body =
        new FenceRequest(
            target,
            action,
            timeout.toMillis(),
            delay.toMillis(),
            clientName,
            true,
            tolerance.toMillis());
    return client.request(
        StonithProtocol.FENCE, body, FenceReply.class, timeout.plus(REPLY_MARGIN));
  }

  /** Asks for fencing; completes with the operation id once the cluster has the request. */
  public CompletableFuture<String> fenceAsync(
      String target, String action, Duration timeout, Duration delay, String clientName) {
    FenceRequest body =
        new FenceRequest(
            target, action, timeout.toMillis(), delay.toMillis(), clientName, false, 0);
    return client
        .request(StonithProtocol.FENCE, body, FenceReply.class, QUERY)
        .thenApply(FenceReply::opId);
  }

  /** Waits for the result of an operation (from {@link #fenceAsync}). */
  public CompletableFuture<HistoryEntry> result(String opId, Duration wait) {
    return client
        .request(StonithProtocol.RESULT, new ResultRequest(opId), FenceReply.class, wait)
        .thenApply(FenceReply::result);
  }

  public CompletableFuture<FenceReply> confirm(String target, String clientName) {
    return client.request(
        StonithProtocol.CONFIRM, new ConfirmRequest(target, clientName), FenceReply.class, QUERY);
  }

  public CompletableFuture<List<HistoryEntry>> history(String target, boolean pending) {
    return client
        .request(
            StonithProtocol.HISTORY, new HistoryRequest(target, pending), HistoryReply.class, QUERY)
        .thenApply(HistoryReply::entries);
  }

  public CompletableFuture<Void> cleanupHistory(String target) {
    return client
        .request(StonithProtocol.HISTORY_CLEANUP, new CleanupRequest(target), QUERY)
        .thenApply(x -> null);
  }

  public CompletableFuture<DevicesReply> devices(String target, Duration timeout) {
    return client.request(
        StonithProtocol.DEVICES, new DevicesRequest(target), DevicesReply.class, timeout);
  }

  public CompletableFuture<DeviceActionReply> deviceAction(
      String device, String action, String target, Duration timeout) {
    return client.request(
        StonithProtocol.DEVICE_ACTION,
        new DeviceActionRequest(device, action, target),
        DeviceActionReply.class,
        timeout);
  }

  /** The agent's validate-all with these parameters (stonith_admin --validate). */
  public CompletableFuture<DeviceActionReply> validate(
      String agent, java.util.Map<String, String> params, Duration timeout) {
    return client.request(
        StonithProtocol.VALIDATE,
        new ValidateRequest(agent, params),
        DeviceActionReply.class,
        timeout.plus(REPLY_MARGIN));
  }

  public CompletableFuture<String> metadata(String agent) {
    return client
        .request(StonithProtocol.METADATA, new MetadataRequest(agent), MetadataReply.class, QUERY)
        .thenApply(MetadataReply::xml);
  }

  public CompletableFuture<List<String>> installed() {
    return client
        .request(
            StonithProtocol.INSTALLED,
            Json.mapper().createObjectNode(),
            InstalledReply.class,
            QUERY)
        .thenApply(InstalledReply::agents);
  }

  public CompletableFuture<StatusReply> status() {
    return client.request(
        StonithProtocol.STATUS, Json.mapper().createObjectNode(), StatusReply.class, QUERY);
  }

  /** Every finished fencing operation, as the cluster records it. */
  public CompletableFuture<Void> subscribe(Consumer<HistoryEntry> listener) {
    return client.subscribe(
        StonithProtocol.RESULTS_TOPIC,
        body -> listener.accept(Json.fromTree(body, HistoryEntry.class)));
  }

  @Override
  public void close() {
    client.close();
    if (ownLoops != null) {
      ownLoops.close();
    }
  }
}
