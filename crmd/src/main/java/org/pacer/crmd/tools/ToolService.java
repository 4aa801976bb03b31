package org.pacer.crmd.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.pacer.messaging.rpc.MessageServer;
import org.pacer.messaging.rpc.Request;
import org.pacer.messaging.rpc.RequestException;

/**
 * Serves the helper commands on the controller's local socket: request {@value #TYPE} with body
 * {@code {"tool": NAME, "args": [...], "env": {...}}}, answered with {@code {"rc": N, "out": TEXT,
 * "err": TEXT}}. The thin client {@code pacer-tool} prints the texts and exits with rc, so a call
 * costs a process start of a small C program and one round trip to a warm JVM.
 */
public final class ToolService {

  public static final String TYPE = "crmd.tool";

  /** Environment variables the commands read; the client sends only these. */
  public static final List<String> ENV = List.of("OCF_RESOURCE_INSTANCE");

  private final ToolBackend backend;

  public ToolService(ToolBackend backend) {
    this.backend = backend;
  }

  public MessageServer.Builder register(MessageServer.Builder server) {
    return server.handle(TYPE, this::handle);
  }

  CompletableFuture<JsonNode> handle(Request request) {
    JsonNode body = request.body();
    String tool = body.path("tool").asText("");
    if (tool.isEmpty() || !body.path("args").isArray()) {
      throw RequestException.badRequest("crmd.tool needs 'tool' and 'args'");
    }
    List<String> args = new ArrayList<>();
    body.path("args").forEach(a -> args.add(a.asText()));
    Map<String, String> env = new HashMap<>();
    for (String name : ENV) {
      JsonNode v = body.path("env").get(name);
      if (v != null && v.isTextual()) {
        env.put(name, v.asText());
      }
    }
    ToolResult r = Tools.run(tool, args, env, backend);
    ObjectNode answer = JsonNodeFactory.instance.objectNode();
    answer.put("rc", r.exitCode());
    answer.put("out", r.stdout());
    answer.put("err", r.stderr());
    return CompletableFuture.completedFuture(answer);
  }
}
