package org.pacer.it.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.pacer.cib.client.CibClient;
import org.pacer.cib.ops.CibQuery;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.rpc.ClientOptions;
import org.pacer.messaging.rpc.MessageClient;
import org.pacer.messaging.transport.Endpoint;
import org.pacer.messaging.transport.EventLoops;
import org.pacer.stonithd.api.StonithClient;
import org.pacer.stonithd.coordination.HistoryEntry;

/**
 * The test's own clients of one node's daemons, through the Unix sockets under the node's root.
 * They reach a node in a network namespace, and a node in a container whose root is a bind mount of
 * the same directory, alike.
 */
public final class NodeClients {

  private final NodePaths paths;
  private final EventLoops loops;

  public NodeClients(NodePaths paths, EventLoops loops) {
    this.paths = paths;
    this.loops = loops;
  }

  public Optional<JsonNode> crmdStatus() {
    try (MessageClient c =
        MessageClient.connect(
            loops, new Endpoint.Local(paths.socket("crmd")), ClientOptions.named("it"))) {
      return Optional.of(
          c.request("crmd.status", null, Duration.ofSeconds(3)).get(5, TimeUnit.SECONDS));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /** A client of the node's CIB daemon; close it after use. */
  public CibClient cib() {
    return CibClient.connect(
        loops,
        new Endpoint.Local(paths.socket("cib")),
        ClientOptions.named("it"),
        Duration.ofSeconds(20));
  }

  public Optional<String> cibXml() {
    try (CibClient c = cib()) {
      return Optional.of(c.query(CibQuery.whole()));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  public Optional<JsonNode> cibStatus() {
    try (CibClient c = cib()) {
      return Optional.of(c.status());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  public Optional<List<HistoryEntry>> fenceHistory() {
    try (StonithClient c = StonithClient.connect(loops, paths, "it")) {
      return Optional.of(c.history("*", false).get(10, TimeUnit.SECONDS));
    } catch (Exception e) {
      return Optional.empty();
    }
  }
}
