package org.pacer.lrmd.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.pacer.lrmd.agent.AgentClass;
import org.pacer.lrmd.agent.AgentConfig;
import org.pacer.lrmd.agent.AgentId;
import org.pacer.lrmd.agent.Agents;
import org.pacer.lrmd.catalog.AgentCatalog;
import org.pacer.lrmd.executor.Executor;
import org.pacer.lrmd.executor.ExecutorHandle;
import org.pacer.lrmd.executor.ExecutorLimits;
import org.pacer.lrmd.executor.OperationRequest;
import org.pacer.lrmd.executor.ResourceDefinition;
import org.pacer.lrmd.executor.ThreadScheduler;
import org.pacer.lrmd.metadata.AgentMetadata;
import org.pacer.lrmd.metadata.MetadataException;
import org.pacer.lrmd.metadata.ParameterValidator;
import org.pacer.lrmd.process.Launcher;
import org.pacer.lrmd.process.ProcessRunner;
import org.pacer.lrmd.protocol.LrmdProtocol;
import org.pacer.messaging.daemon.Daemon;
import org.pacer.messaging.daemon.DaemonContext;
import org.pacer.messaging.envelope.Json;
import org.pacer.messaging.rpc.MessageServer;
import org.pacer.messaging.rpc.Request;
import org.pacer.messaging.rpc.RequestException;
import org.pacer.messaging.transport.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running executor daemon: the executor on its own thread, served on the node's {@code
 * lrmd.sock}, every result pushed on {@link LrmdProtocol#RESULTS_TOPIC}.
 */
public final class LrmdService implements Daemon {

  private static final Logger log = LoggerFactory.getLogger(LrmdService.class);

  private final ThreadScheduler scheduler;
  private final ProcessRunner runner;
  private final ExecutorHandle executor;
  private final AgentCatalog catalog;
  private final CallIdStore callIds;
  private final ExecutorService metadataThreads;
  private final MessageServer server;

  private LrmdService(
      DaemonContext context, AgentConfig config, ExecutorLimits limits, Launcher.Mode launcher)
      throws IOException {
    callIds = CallIdStore.open(context.paths().libDir().resolve("lrmd/next-call-id"));
    scheduler = new ThreadScheduler("lrmd-executor", context.node());
    runner = ProcessRunner.system(context.clock(), launcher);
    Agents agents = new Agents(config, runner, context.clock(), null);
    catalog = new AgentCatalog(agents, runner, Path.of("/usr/sbin"));
    Executor core = new Executor(scheduler, agents, context.clock(), limits, callIds.firstId());
    executor = new ExecutorHandle(core, scheduler);
    metadataThreads =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "lrmd-metadata");
              t.setDaemon(true);
              return t;
            });
    server =
        MessageServer.builder(LrmdProtocol.NAME)
            .node(context.node())
            .handle(LrmdProtocol.REGISTER, this::register)
            .handle(LrmdProtocol.UNREGISTER, this::unregister)
            .handle(LrmdProtocol.EXECUTE, this::execute)
            .handle(LrmdProtocol.CANCEL, this::cancel)
            .handle(LrmdProtocol.HISTORY, this::history)
            .handle(LrmdProtocol.METADATA, this::metadata)
            .handle(LrmdProtocol.VALIDATE, this::validate)
            .handle(LrmdProtocol.AGENTS, this::agents)
            .clock(context.clock())
            .build(context.loops());
    executor.subscribe(
        result ->
            server.publish(
                LrmdProtocol.RESULTS_TOPIC, Json.toTree(LrmdProtocol.Result.of(result))));
  }

  /** Starts serving on the node's lrmd socket. */
  public static LrmdService start(DaemonContext context, AgentConfig config, ExecutorLimits limits)
      throws IOException {
    return start(context, config, limits, Launcher.Mode.EXACT);
  }

  /** Starts serving, with agents run under the given launcher. */
  public static LrmdService start(
      DaemonContext context, AgentConfig config, ExecutorLimits limits, Launcher.Mode launcher)
      throws IOException {
    LrmdService service = new LrmdService(context, config, limits, launcher);
    try {
      service.server.start(new Endpoint.Local(context.paths().socket(LrmdProtocol.NAME)));
    } catch (IOException e) {
      service.close();
      throw e;
    }
    return service;
  }

  private CompletionStage<JsonNode> register(Request request) {
    LrmdProtocol.Register body = request.bodyAs(LrmdProtocol.Register.class);
    ResourceDefinition definition;
    try {
      definition = body.toDefinition();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw RequestException.badRequest(
          "cannot register " + body.resource() + ": " + e.getMessage());
    }
    return executor.register(definition).thenApply(x -> Json.toTree(new LrmdProtocol.Done(true)));
  }

  private CompletionStage<JsonNode> unregister(Request request) {
    String resource = request.bodyAs(LrmdProtocol.ResourceRef.class).resource();
    return executor
        .call(e -> e.unregister(resource))
        .thenApply(done -> Json.toTree(new LrmdProtocol.Done(done)));
  }

  private CompletionStage<JsonNode> execute(Request request) {
    LrmdProtocol.Execute body = request.bodyAs(LrmdProtocol.Execute.class);
    OperationRequest operation;
    try {
      operation = body.toRequest();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw RequestException.badRequest("cannot execute: " + e.getMessage());
    }
    return executor
        .call(
            e -> {
              if (e.resource(operation.resourceId()).isEmpty()) {
                throw RequestException.badRequest(
                    "resource " + operation.resourceId() + " is not registered");
              }
              callIds.ensureBelow(e.nextCallId());
              return e.submit(operation);
            })
        .thenApply(call -> Json.toTree(new LrmdProtocol.Submitted(call)));
  }

  private CompletionStage<JsonNode> cancel(Request request) {
    LrmdProtocol.Cancel body = request.bodyAs(LrmdProtocol.Cancel.class);
    return executor
        .cancel(body.resource(), body.action(), body.interval())
        .thenApply(done -> Json.toTree(new LrmdProtocol.Done(done)));
  }

  private CompletionStage<JsonNode> history(Request request) {
    String only =
        request.body() == null || request.body().isNull()
            ? null
            : request.bodyAs(LrmdProtocol.ResourceRef.class).resource();
    return executor.call(
        e -> {
          List<LrmdProtocol.ResourceHistory> resources = new ArrayList<>();
          for (ResourceDefinition d : e.resources()) {
            if (only != null && !only.equals(d.id())) {
              continue;
            }
            resources.add(
                new LrmdProtocol.ResourceHistory(
                    new LrmdProtocol.Register(
                        d.id(), d.agent().toString(), d.parameters(), d.meta()),
                    e.recurringOperations(d.id()).stream().map(LrmdService::toExecute).toList(),
                    e.lastResults(d.id()).stream().map(LrmdProtocol.Result::of).toList(),
                    e.recentResults(d.id()).stream().map(LrmdProtocol.Result::of).toList()));
          }
          return Json.toTree(new LrmdProtocol.History(resources));
        });
  }

  private static LrmdProtocol.Execute toExecute(OperationRequest r) {
    return new LrmdProtocol.Execute(
        r.resourceId(),
        r.action(),
        r.intervalMs(),
        r.timeoutMs(),
        r.startDelayMs(),
        r.parameters(),
        r.meta(),
        r.checkLevel(),
        r.userData());
  }

  private CompletionStage<JsonNode> metadata(Request request) {
    LrmdProtocol.AgentRef body = request.bodyAs(LrmdProtocol.AgentRef.class);
    return loadMetadata(body.agent()).thenApply(m -> Json.toTree(describe(body.agent(), m)));
  }

  private CompletionStage<JsonNode> validate(Request request) {
    LrmdProtocol.AgentRef body = request.bodyAs(LrmdProtocol.AgentRef.class);
    Map<String, String> parameters = body.parameters() == null ? Map.of() : body.parameters();
    return loadMetadata(body.agent())
        .thenApply(
            m ->
                Json.toTree(
                    new LrmdProtocol.Problems(
                        ParameterValidator.validate(body.agent(), m, parameters))));
  }

  private CompletionStage<JsonNode> agents(Request request) {
    LrmdProtocol.AgentQuery body = request.bodyAs(LrmdProtocol.AgentQuery.class);
    AgentClass agentClass =
        AgentClass.fromCibName(String.valueOf(body.agentClass()))
            .orElseThrow(
                () ->
                    RequestException.badRequest("unknown agent class '" + body.agentClass() + "'"));
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return Json.toTree(
                new LrmdProtocol.AgentList(catalog.agents(agentClass, body.provider())));
          } catch (IOException | IllegalArgumentException e) {
            throw RequestException.badRequest(e.getMessage());
          }
        },
        metadataThreads);
  }

  private CompletableFuture<AgentMetadata> loadMetadata(String agentName) {
    AgentId agent;
    try {
      agent = AgentId.parse(String.valueOf(agentName));
    } catch (IllegalArgumentException e) {
      throw RequestException.badRequest(e.getMessage());
    }
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return catalog.metadata(agent);
          } catch (MetadataException e) {
            throw RequestException.badRequest(e.getMessage());
          }
        },
        metadataThreads);
  }

  private static LrmdProtocol.Metadata describe(String agent, AgentMetadata m) {
    return new LrmdProtocol.Metadata(
        agent,
        m.shortDescription(),
        m.longDescription(),
        m.parameters().stream()
            .map(
                p ->
                    new LrmdProtocol.Parameter(
                        p.name(),
                        p.type(),
                        p.defaultValue(),
                        p.required(),
                        p.unique(),
                        p.reloadable(),
                        p.deprecated(),
                        p.shortDescription()))
            .toList(),
        m.actions().stream().map(a -> new LrmdProtocol.Action(a.name(), a.attributes())).toList());
  }

  /** For tests and status: results go here as well as to the socket's subscribers. */
  public ExecutorHandle executor() {
    return executor;
  }

  @Override
  public void close() {
    server.close();
    scheduler.close();
    metadataThreads.shutdownNow();
    runner.close();
    log.info("lrmd stopped");
  }
}
