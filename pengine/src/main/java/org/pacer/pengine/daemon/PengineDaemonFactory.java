package org.pacer.pengine.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.pacer.messaging.daemon.Daemon;
import org.pacer.messaging.daemon.DaemonContext;
import org.pacer.messaging.daemon.DaemonFactory;
import org.pacer.messaging.logging.LogContext;
import org.pacer.messaging.rpc.MessageServer;
import org.pacer.messaging.rpc.Request;
import org.pacer.messaging.rpc.RequestException;
import org.pacer.messaging.transport.Endpoint;

/**
 * pacer-pengine: serves {@code compute} requests ({@code {"cib": "<cib .../>"}}) on the local
 * socket, answering with the transition graph and summary, and keeps the inputs under {@code
 * <lib>/pengine} for replay. Computations run one at a time on their own thread, off the I/O
 * threads, in the order they arrive.
 */
public final class PengineDaemonFactory implements DaemonFactory {
  /** Error code for a CIB that cannot be scheduled. */
  public static final String CONFIG_ERROR = "config_error";

  @Override
  public String name() {
    return "pengine";
  }

  @Override
  public Daemon start(DaemonContext ctx) throws Exception {
    InputArchive archive = new InputArchive(ctx.paths().libDir().resolve("pengine"));
    ComputeService service = new ComputeService(archive, ctx.clock());
    ExecutorService worker =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "pengine-compute");
              t.setDaemon(true);
              return t;
            });
    MessageServer server;
    try {
      server =
          MessageServer.builder("pengine")
              .node(ctx.node())
              .handle("compute", req -> compute(ctx.node(), service, worker, req))
              .build(ctx.loops())
              .start(new Endpoint.Local(ctx.paths().socket("pengine")));
    } catch (Exception e) {
      worker.shutdownNow();
      throw e;
    }
    return () -> {
      server.close();
      worker.shutdownNow();
    };
  }

  private static CompletableFuture<JsonNode> compute(
      String node, ComputeService service, ExecutorService worker, Request req) {
    JsonNode cib = req.body() == null ? null : req.body().get("cib");
    if (cib == null || !cib.isTextual()) {
      throw RequestException.badRequest("compute needs {\"cib\": \"<cib>...</cib>\"}");
    }
    String xml = cib.asText();
    return CompletableFuture.supplyAsync(
        () -> {
          try (LogContext ignored =
              LogContext.with(LogContext.NODE, node, LogContext.CALL, Long.toString(req.id()))) {
            ComputeService.Result r = service.compute(xml);
            if (!r.ok()) {
              throw new RequestException(CONFIG_ERROR, r.problems());
            }
            return r.body();
          }
        },
        worker);
  }
}
