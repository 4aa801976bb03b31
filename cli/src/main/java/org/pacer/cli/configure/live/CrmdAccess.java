package org.pacer.cli.configure.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.pacer.crmd.daemon.CrmdDaemonFactory;
import org.pacer.crmd.tools.ToolResult;
import org.pacer.crmd.tools.ToolService;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.rpc.ClientOptions;
import org.pacer.messaging.rpc.MessageClient;
import org.pacer.messaging.transport.Endpoint;
import org.pacer.messaging.transport.EventLoops;

/**
 * The local controller on its socket ({@code $PACER_ROOT/run/pacer/crmd.sock}): the helper commands
 * run inside it (the same requests the thin client {@code pacer-tool} sends), and cleanup and
 * status are its own requests. One connection per call: the shell makes few of them.
 */
public final class CrmdAccess implements ClusterAccess {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private final NodePaths paths;

  public CrmdAccess(NodePaths paths) {
    this.paths = paths;
  }

  @Override
  public ToolResult tool(String name, List<String> args) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("tool", name);
    args.forEach(body.putArray("args")::add);
    body.putObject("env");
    try {
      JsonNode answer = request(ToolService.TYPE, body);
      return new ToolResult(
          answer.path("rc").asInt(1), answer.path("out").asText(""), answer.path("err").asText(""));
    } catch (ClusterException e) {
      // crm_mon's and crm_attribute's own wording and code for a controller that does not answer
      return ToolResult.error(102, name + ": " + e.getMessage() + "\n");
    }
  }

  @Override
  public void cleanup(String node, String resource) throws ClusterException {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("node", node);
    body.put("resource", resource);
    request(CrmdDaemonFactory.CLEANUP, body);
  }

  @Override
  public Optional<ControllerView> controller() throws ClusterException {
    JsonNode s = request(CrmdDaemonFactory.STATUS, null);
    List<String> members = new ArrayList<>();
    s.path("members").forEach(m -> members.add(m.asText()));
    String dc = s.path("dc").isNull() ? null : s.path("dc").asText(null);
    return Optional.of(
        new ControllerView(
            s.path("node").asText(),
            dc,
            s.path("joined").asBoolean(),
            s.path("quorate").asBoolean(),
            members));
  }

  @Override
  public boolean live() {
    return true;
  }

  private JsonNode request(String type, Object body) throws ClusterException {
    try (EventLoops loops = EventLoops.create("crm-crmd", 1);
        MessageClient c =
            MessageClient.connect(
                loops, new Endpoint.Local(paths.socket("crmd")), ClientOptions.named("crm"))) {
      return c.request(type, body, TIMEOUT).get(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new ClusterException(
          "Could not connect to controller: pacer-crmd is not running on this node (no answer on "
              + paths.socket("crmd")
              + ")",
          e);
    } catch (ExecutionException e) {
      throw new ClusterException(
          "the controller refused " + type + ": " + e.getCause().getMessage(), e);
    } catch (TimeoutException e) {
      throw new ClusterException(
          "the controller did not answer " + type + " in " + TIMEOUT.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterException("interrupted while waiting for the controller", e);
    }
  }
}
