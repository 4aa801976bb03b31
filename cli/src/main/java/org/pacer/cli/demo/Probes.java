package org.pacer.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.pacer.cib.client.CibClient;
import org.pacer.cib.document.CibSection;
import org.pacer.cib.ops.CibQuery;
import org.pacer.crmd.daemon.CrmdDaemonFactory;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.rpc.ClientOptions;
import org.pacer.messaging.rpc.MessageClient;
import org.pacer.messaging.transport.Endpoint;
import org.pacer.messaging.transport.EventLoops;
import org.pacer.stonithd.api.StonithClient;
import org.pacer.stonithd.coordination.HistoryEntry;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What the demo asks a node's daemons, each question answering "don't know" (empty) rather than
 * failing while a daemon is starting, stopping or gone: the demo polls them to time a failover.
 */
final class Probes implements AutoCloseable {

  private final EventLoops loops = EventLoops.create("demo-probes", 1);
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

  /** The controller's view: node, dc, isDc, joined, members. */
  Optional<JsonNode> crmd(NodePaths node) {
    try (MessageClient c = client(node, "crmd")) {
      return Optional.of(
          c.request(CrmdDaemonFactory.STATUS, null, Duration.ofSeconds(2))
              .get(3, TimeUnit.SECONDS));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /** The nodes where a resource's last operation left it running, by the node's CIB copy. */
  Optional<List<String>> runningOn(NodePaths node, String resource) {
    return query(node, CibQuery.section(CibSection.STATUS))
        .flatMap(
            status -> {
              try {
                return Optional.of(runningOn(status, resource));
              } catch (Exception e) {
                return Optional.empty();
              }
            });
  }

  /**
   * Every node in the membership whose {@code RESOURCE_last_0} (or a clone instance's {@code
   * RESOURCE:N_last_0}) is a successful start, or a successful probe (it was found running).
   */
  static List<String> runningOn(String statusXml, String resource) throws Exception {
    var factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    var doc =
        factory
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(statusXml.getBytes(StandardCharsets.UTF_8)));
    List<String> out = new ArrayList<>();
    NodeList ops = doc.getElementsByTagName("lrm_rsc_op");
    for (int i = 0; i < ops.getLength(); i++) {
      Element op = (Element) ops.item(i);
      boolean running =
          op.getAttribute("rc-code").equals("0")
              && (op.getAttribute("operation").equals("start")
                  || op.getAttribute("operation").equals("monitor"));
      String id = op.getAttribute("id");
      boolean ofResource =
          id.equals(resource + "_last_0") || id.matches(Pattern.quote(resource) + ":\\d+_last_0");
      if (!ofResource || !running) {
        continue;
      }
      Node n = op.getParentNode();
      while (n != null && !(n instanceof Element e && e.getTagName().equals("node_state"))) {
        n = n.getParentNode();
      }
      if (n instanceof Element state && state.getAttribute("in_ccm").equals("true")) {
        out.add(state.getAttribute("uname"));
      }
    }
    return out;
  }

  /** The whole CIB as the node's copy holds it. */
  Optional<String> cib(NodePaths node) {
    return query(node, CibQuery.whole());
  }

  private Optional<String> query(NodePaths node, CibQuery query) {
    try (CibClient c =
        CibClient.connect(
            loops,
            new Endpoint.Local(node.socket("cib")),
            ClientOptions.named("demo"),
            Duration.ofSeconds(5))) {
      return Optional.of(c.query(query));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /** The cluster's fencing history as the node's fencer holds it. */
  Optional<List<HistoryEntry>> fencing(NodePaths node) {
    try (StonithClient c = StonithClient.connect(loops, node, "demo")) {
      return Optional.of(c.history("*", false).get(5, TimeUnit.SECONDS));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /** The page at {@code url} if it answers 200 within a second. */
  Optional<String> fetch(String url) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(1)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? Optional.of(r.body()) : Optional.empty();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return Optional.empty();
    }
  }

  private MessageClient client(NodePaths node, String daemon) throws Exception {
    return MessageClient.connect(
        loops, new Endpoint.Local(node.socket(daemon)), ClientOptions.named("demo"));
  }

  @Override
  public void close() {
    loops.close();
  }
}
