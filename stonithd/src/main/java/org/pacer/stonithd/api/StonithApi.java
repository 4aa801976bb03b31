package org.pacer.stonithd.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.pacer.messaging.envelope.Json;
import org.pacer.messaging.rpc.MessageServer;
import org.pacer.messaging.rpc.Request;
import org.pacer.messaging.rpc.RequestException;
import org.pacer.stonithd.agent.FenceAgentRunner;
import org.pacer.stonithd.api.StonithProtocol.*;
import org.pacer.stonithd.config.DeviceConfig;
import org.pacer.stonithd.config.FenceAction;
import org.pacer.stonithd.coordination.FenceState;
import org.pacer.stonithd.coordination.HistoryEntry;
import org.pacer.stonithd.daemon.StonithNode;

/** The handlers of stonithd's local socket. */
public final class StonithApi {

  private final StonithNode node;
  private final FenceAgentRunner agents;

  public StonithApi(StonithNode node, FenceAgentRunner agents) {
    this.node = node;
    this.agents = agents;
  }

  public MessageServer.Builder register(MessageServer.Builder builder) {
    return builder
        .handle(StonithProtocol.FENCE, this::fence)
        .handle(StonithProtocol.CONFIRM, this::confirm)
        .handle(StonithProtocol.RESULT, this::result)
        .handle(StonithProtocol.HISTORY, this::history)
        .handle(StonithProtocol.HISTORY_CLEANUP, this::cleanup)
        .handle(StonithProtocol.DEVICES, this::devices)
        .handle(StonithProtocol.DEVICE_ACTION, this::deviceAction)
        .handle(StonithProtocol.METADATA, this::metadata)
        .handle(StonithProtocol.INSTALLED, this::installed)
        .handle(StonithProtocol.STATUS, this::status)
        .handle(StonithProtocol.VALIDATE, this::validate);
  }

  /** Pushes every finished operation to subscribers of {@link StonithProtocol#RESULTS_TOPIC}. */
  public void publishResults(MessageServer server) {
    node.subscribe(entry -> server.publish(StonithProtocol.RESULTS_TOPIC, Json.toTree(entry)));
  }

  private static <T> T body(Request r, Class<T> type) {
    try {
      return r.bodyAs(type);
    } catch (RuntimeException e) {
      throw RequestException.badRequest("cannot read the request body: " + e.getMessage());
    }
  }

  private static String client(String given, Request r) {
    if (given != null && !given.isBlank()) {
      return given;
    }
    return r.peer() == null ? "unknown" : "client." + r.peer().pid();
  }

  private static Throwable cause(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }

  private CompletableFuture<JsonNode> fence(Request r) {
    FenceRequest f = body(r, FenceRequest.class);
    if (f.target() == null || f.target().isBlank()) {
      throw RequestException.badRequest("no target node given");
    }
    String action = f.action() == null ? "reboot" : f.action();
    if (f.toleranceMs() <= 0) {
      return startFencing(f, action, r);
    }
    long since = System.currentTimeMillis() - f.toleranceMs();
    return node.history(false)
        .thenCompose(
            all ->
                all.stream()
                    .filter(
                        e ->
                            e.target().equals(f.target())
                                && e.action().equals(action)
                                && e.state() == FenceState.SUCCESS
                                && e.completedAt() >= since)
                    .max(java.util.Comparator.comparingLong(HistoryEntry::completedAt))
                    .map(
                        e ->
                            CompletableFuture.completedFuture(
                                Json.toTree(new FenceReply(e.opId(), e))))
                    .orElseGet(() -> startFencing(f, action, r)));
  }

  private CompletableFuture<JsonNode> startFencing(FenceRequest f, String action, Request r) {
    Duration timeout = Duration.ofMillis(f.timeoutMs() > 0 ? f.timeoutMs() : 120_000);
    return node.fence(
            f.target(), action, client(f.client(), r), timeout, Duration.ofMillis(f.delayMs()))
        .handle(
            (opId, error) -> {
              if (error != null) {
                throw new RequestException("refused", cause(error).getMessage());
              }
              return opId;
            })
        .thenCompose(
            opId ->
                f.waitForResult()
                    ? node.result(opId).thenApply(entry -> new FenceReply(opId, entry))
                    : CompletableFuture.completedFuture(new FenceReply(opId, null)))
        .thenApply(Json::toTree);
  }

  private CompletableFuture<JsonNode> validate(Request r) {
    ValidateRequest v = body(r, ValidateRequest.class);
    if (v.agent() == null || v.agent().isBlank()) {
      throw RequestException.badRequest("no agent given");
    }
    List<String> lines = new ArrayList<>();
    lines.add("action=validate-all");
    if (v.params() != null) {
      v.params().forEach((k, value) -> lines.add(k + "=" + value));
    }
    return agents
        .metadata(v.agent())
        .handle((meta, error) -> error == null ? meta : null)
        .thenCompose(
            meta -> {
              if (meta != null && !meta.supports("validate-all")) {
                return CompletableFuture.completedFuture(
                    Json.toTree(
                        new DeviceActionReply(
                            "NOT_RUN",
                            -1,
                            "",
                            v.agent() + " does not implement the 'validate-all' action")));
              }
              return agents
                  .run(v.agent(), lines, Duration.ofSeconds(20))
                  .thenApply(
                      res ->
                          Json.toTree(
                              new DeviceActionReply(
                                  res.outcome().name(),
                                  res.exitCode(),
                                  res.output(),
                                  res.reason())));
            });
  }

  private CompletableFuture<JsonNode> confirm(Request r) {
    ConfirmRequest c = body(r, ConfirmRequest.class);
    if (c.target() == null || c.target().isBlank()) {
      throw RequestException.badRequest("no target node given");
    }
    return node.confirm(c.target(), client(c.client(), r))
        .thenCompose(opId -> node.result(opId).thenApply(entry -> new FenceReply(opId, entry)))
        .thenApply(Json::toTree);
  }

  private CompletableFuture<JsonNode> result(Request r) {
    ResultRequest q = body(r, ResultRequest.class);
    return node.result(q.opId()).thenApply(e -> Json.toTree(new FenceReply(q.opId(), e)));
  }

  private CompletableFuture<JsonNode> history(Request r) {
    HistoryRequest h = body(r, HistoryRequest.class);
    String target = h.target() == null || h.target().isBlank() ? "*" : h.target();
    return node.history(h.pending())
        .thenApply(
            all ->
                all.stream().filter(e -> target.equals("*") || e.target().equals(target)).toList())
        .thenApply(list -> Json.toTree(new HistoryReply(list)));
  }

  private CompletableFuture<JsonNode> cleanup(Request r) {
    CleanupRequest c = body(r, CleanupRequest.class);
    node.cleanupHistory(c.target() == null || c.target().isBlank() ? "*" : c.target());
    return CompletableFuture.completedFuture(Json.mapper().createObjectNode().put("ok", true));
  }

  private CompletableFuture<JsonNode> devices(Request r) {
    DevicesRequest d = body(r, DevicesRequest.class);
    List<DeviceConfig> configured = node.devices().config().devicesByPriority();
    if (d.target() == null || d.target().isBlank()) {
      List<DeviceInfo> list = new ArrayList<>();
      for (DeviceConfig c : configured) {
        String reason =
            c.problems().isEmpty()
                ? (c.enabled() ? "" : "disabled")
                : String.join("; ", c.problems());
        list.add(
            new DeviceInfo(
                c.id(), c.agent(), c.usable(), c.usable() && c.allowedOn(node.node()), reason));
      }
      return CompletableFuture.completedFuture(Json.toTree(new DevicesReply(node.node(), list)));
    }
    return node.devices()
        .capabilities(d.target())
        .thenApply(
            caps -> {
              List<DeviceInfo> list = new ArrayList<>();
              for (var cap : caps) {
                DeviceConfig c = node.devices().config().device(cap.device()).orElseThrow();
                list.add(new DeviceInfo(c.id(), c.agent(), c.usable(), cap.can(), cap.reason()));
              }
              return Json.toTree(new DevicesReply(node.node(), list));
            });
  }

  private CompletableFuture<JsonNode> deviceAction(Request r) {
    DeviceActionRequest a = body(r, DeviceActionRequest.class);
    Optional<FenceAction> action = FenceAction.parse(a.action());
    if (action.isEmpty() || action.get().isFencing()) {
      throw RequestException.badRequest(
          "'"
              + a.action()
              + "' is not a query action (list, status or monitor); fence through stonith.fence");
    }
    return node.devices()
        .query(a.device(), action.get(), Optional.ofNullable(a.target()).filter(t -> !t.isBlank()))
        .thenApply(
            res ->
                Json.toTree(
                    new DeviceActionReply(
                        res.outcome().name(), res.exitCode(), res.output(), res.reason())));
  }

  private CompletableFuture<JsonNode> metadata(Request r) {
    MetadataRequest m = body(r, MetadataRequest.class);
    return agents
        .run(m.agent(), List.of("action=metadata"), Duration.ofSeconds(20))
        .thenApply(
            res -> {
              if (!res.ok()) {
                throw new RequestException("no-such-agent", res.reason());
              }
              return Json.toTree(new MetadataReply(res.output()));
            });
  }

  private CompletableFuture<JsonNode> installed(Request r) {
    TreeSet<String> names = new TreeSet<>();
    for (Path dir : agents.locator().directories()) {
      try (Stream<Path> files = Files.list(dir)) {
        files
            .filter(p -> p.getFileName().toString().startsWith("fence_") && Files.isExecutable(p))
            .forEach(p -> names.add(p.getFileName().toString()));
      } catch (IOException e) {
        // A directory that does not exist holds no agents.
      }
    }
    return CompletableFuture.completedFuture(Json.toTree(new InstalledReply(List.copyOf(names))));
  }

  private CompletableFuture<JsonNode> status(Request r) {
    return node.members()
        .thenCombine(
            node.history(true),
            (members, all) ->
                Json.toTree(
                    new StatusReply(
                        node.node(),
                        members,
                        node.devices().config().devices().size(),
                        (int) all.stream().filter(e -> e.state() == FenceState.PENDING).count())));
  }
}
