package org.pacer.lrmd.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.pacer.lrmd.protocol.LrmdProtocol;
import org.pacer.messaging.envelope.Json;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.rpc.ClientOptions;
import org.pacer.messaging.rpc.MessageClient;
import org.pacer.messaging.transport.Endpoint;
import org.pacer.messaging.transport.EventLoops;

/**
 * The controller's side of pacer-lrmd: register resources, run and cancel operations, read the
 * history, and receive every result as it happens.
 */
public final class LrmdClient implements AutoCloseable {

  private final MessageClient client;
  private final Duration timeout;
  private final Map<Long, CompletableFuture<LrmdProtocol.Result>> awaited =
      new ConcurrentHashMap<>();
  // Results that came before the call id that names them; bounded, as most are nobody's.
  private final Map<Long, LrmdProtocol.Result> early =
      java.util.Collections.synchronizedMap(
          new java.util.LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, LrmdProtocol.Result> eldest) {
              return size() > 256;
            }
          });
  private final Consumer<JsonNode> awaitListener = this::onResult;

  private LrmdClient(MessageClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  /**
   * Connects to the node's lrmd socket.
   *
   * @param timeout how long each request may wait for its answer
   * @throws IOException when the daemon cannot be reached
   */
  public static LrmdClient connect(
      EventLoops loops, NodePaths paths, ClientOptions options, Duration timeout)
      throws IOException {
    MessageClient client =
        MessageClient.connect(loops, new Endpoint.Local(paths.socket(LrmdProtocol.NAME)), options);
    LrmdClient lrmd = new LrmdClient(client, timeout);
    lrmd.client.subscribe(LrmdProtocol.RESULTS_TOPIC, lrmd.awaitListener).join();
    return lrmd;
  }

  private void onResult(JsonNode body) {
    LrmdProtocol.Result result = Json.fromTree(body, LrmdProtocol.Result.class);
    CompletableFuture<LrmdProtocol.Result> future = awaited.remove(result.callId());
    if (future != null) {
      future.complete(result);
    } else if (result.interval() == 0) {
      // The result of a call whose id we do not know yet (the answer to execute is on its way).
      early.put(result.callId(), result);
    }
  }

  public CompletableFuture<Void> register(
      String resource, String agent, Map<String, String> parameters, Map<String, String> meta) {
    return client
        .request(
            LrmdProtocol.REGISTER,
            new LrmdProtocol.Register(resource, agent, parameters, meta),
            timeout)
        .thenApply(answer -> null);
  }

  public CompletableFuture<Boolean> unregister(String resource) {
    return client
        .request(
            LrmdProtocol.UNREGISTER,
            new LrmdProtocol.ResourceRef(resource),
            LrmdProtocol.Done.class,
            timeout)
        .thenApply(LrmdProtocol.Done::done);
  }

  /** Queues an operation; completes with its call id. */
  public CompletableFuture<Long> execute(LrmdProtocol.Execute operation) {
    return client
        .request(LrmdProtocol.EXECUTE, operation, LrmdProtocol.Submitted.class, timeout)
        .thenApply(LrmdProtocol.Submitted::callId);
  }

  /** Queues a one-shot operation and completes with its result. */
  public CompletableFuture<LrmdProtocol.Result> run(LrmdProtocol.Execute operation) {
    return execute(operation)
        .thenCompose(
            call -> {
              CompletableFuture<LrmdProtocol.Result> result = new CompletableFuture<>();
              awaited.put(call, result);
              LrmdProtocol.Result already = early.remove(call);
              if (already != null && awaited.remove(call) != null) {
                result.complete(already);
              }
              return result;
            });
  }

  public CompletableFuture<Boolean> cancel(String resource, String action, long intervalMs) {
    return client
        .request(
            LrmdProtocol.CANCEL,
            new LrmdProtocol.Cancel(resource, action, intervalMs),
            LrmdProtocol.Done.class,
            timeout)
        .thenApply(LrmdProtocol.Done::done);
  }

  /** The history of one resource, or of all when {@code resource} is null. */
  public CompletableFuture<LrmdProtocol.History> history(String resource) {
    Object body = resource == null ? null : new LrmdProtocol.ResourceRef(resource);
    return client.request(LrmdProtocol.HISTORY, body, LrmdProtocol.History.class, timeout);
  }

  public CompletableFuture<LrmdProtocol.Metadata> metadata(String agent) {
    return client.request(
        LrmdProtocol.METADATA,
        new LrmdProtocol.AgentRef(agent, null),
        LrmdProtocol.Metadata.class,
        timeout);
  }

  public CompletableFuture<List<String>> validate(String agent, Map<String, String> parameters) {
    return client
        .request(
            LrmdProtocol.VALIDATE,
            new LrmdProtocol.AgentRef(agent, parameters),
            LrmdProtocol.Problems.class,
            timeout)
        .thenApply(LrmdProtocol.Problems::problems);
  }

  public CompletableFuture<List<String>> agents(String agentClass, String provider) {
    return client
        .request(
            LrmdProtocol.AGENTS,
            new LrmdProtocol.AgentQuery(agentClass, provider),
            LrmdProtocol.AgentList.class,
            timeout)
        .thenApply(LrmdProtocol.AgentList::agents);
  }

  /** Every result, as the daemon pushes it (on an I/O thread: do not block in the listener). */
  public CompletableFuture<Void> subscribe(Consumer<LrmdProtocol.Result> listener) {
    return client.subscribe(
        LrmdProtocol.RESULTS_TOPIC,
        body -> listener.accept(Json.fromTree(body, LrmdProtocol.Result.class)));
  }

  @Override
  public void close() {
    client.close();
  }
}
