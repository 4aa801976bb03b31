package org.pacer.cib.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.concurrent.CompletionStage;
import org.pacer.cib.document.CibError;
import org.pacer.cib.document.CibException;
import org.pacer.cib.document.CibSection;
import org.pacer.cib.document.CibVersion;
import org.pacer.cib.ops.CibQuery;
import org.pacer.cib.ops.CibWrite;
import org.pacer.cib.ops.WriteContext;
import org.pacer.cib.replication.ReplicationCodec;
import org.pacer.messaging.rpc.MessageServer;
import org.pacer.messaging.rpc.Request;
import org.pacer.messaging.rpc.RequestException;
import org.pacer.messaging.security.PeerIdentity;

/**
 * Turns requests on the daemon's sockets into service calls. The identity ACLs apply to is the one
 * the connection established (kernel credentials locally, the checked user remotely); a privileged
 * caller may ask to act as another user ({@code asUser}), as Pacemaker's {@code CIB_user} allows
 * root to, which is how ACLs are tried out.
 */
final class CibHandlers {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final CibService service;
  private final String node;
  private final Clock clock;

  CibHandlers(CibService service, String node, Clock clock) {
    this.service = service;
    this.node = node;
    this.clock = clock;
  }

  MessageServer.Builder register(MessageServer.Builder b) {
    return b.handle(CibProtocol.QUERY, this::query)
        .handle(CibProtocol.WRITE, this::write)
        .handle(CibProtocol.STATUS, r -> status());
  }

  static String userOf(Request r) {
    PeerIdentity peer = r.peer();
    String as = r.body() == null ? "" : r.body().path("asUser").asText("");
    if (!as.isEmpty()) {
      if (!peer.privileged()) {
        throw RequestException.forbidden(
            "user '" + peer.user() + "' may not act as '" + as + "': only root and hacluster may");
      }
      return as;
    }
    return peer.uid() == 0 ? "root" : peer.user();
  }

  private CompletionStage<JsonNode> query(Request r) {
    JsonNode b = r.body() == null ? F.objectNode() : r.body();
    CibQuery q =
        new CibQuery(
            section(b),
            b.hasNonNull("xpath") ? b.get("xpath").asText() : null,
            b.path("nodePath").asBoolean(),
            b.path("noChildren").asBoolean());
    return service
        .query(q, userOf(r))
        .handle(
            (text, e) -> {
              if (e != null) {
                throw failure(e);
              }
              ObjectNode o = F.objectNode();
              o.put("text", text);
              return o;
            });
  }

  private CompletionStage<JsonNode> write(Request r) {
    JsonNode b = r.body();
    if (b == null || !b.has("write")) {
      throw RequestException.badRequest("cib.write needs a 'write'");
    }
    CibWrite w;
    CibVersion basedOn;
    try {
      w = ReplicationCodec.writeFromJson(b.get("write"));
      basedOn = b.hasNonNull("basedOn") ? CibVersion.parse(b.get("basedOn").asText()) : null;
    } catch (IllegalArgumentException e) {
      throw RequestException.badRequest("bad cib.write: " + e.getMessage());
    }
    String client = b.path("client").asText("unknown");
    WriteContext ctx = WriteContext.of(userOf(r), client, node, clock.instant()).basedOn(basedOn);
    return service
        .write(w, ctx)
        .handle(
            (v, e) -> {
              if (e != null) {
                throw failure(e);
              }
              ObjectNode o = F.objectNode();
              o.put("version", v.toString());
              return o;
            });
  }

  private CompletionStage<JsonNode> status() {
    return service
        .status()
        .thenApply(
            s -> {
              ObjectNode o = F.objectNode();
              o.put("node", s.node());
              o.put("version", s.version().toString());
              o.put("digest", s.digest());
              o.put("syncing", s.syncing());
              s.members().forEach(o.putArray("members")::add);
              return o;
            });
  }

  private static CibSection section(JsonNode b) {
    if (!b.hasNonNull("scope")) {
      return null;
    }
    String s = b.get("scope").asText();
    return CibSection.byTag(s)
        .orElseThrow(() -> failure(new CibException(CibError.USAGE, "unknown scope '" + s + "'")));
  }

  /** A CibException travels as an ERROR whose code is the CibError's name. */
  static RequestException failure(Throwable e) {
    Throwable cause =
        e instanceof java.util.concurrent.CompletionException && e.getCause() != null
            ? e.getCause()
            : e;
    if (cause instanceof CibException c) {
      return new RequestException("CIB_" + c.error().name(), c.describe());
    }
    if (cause instanceof RequestException re) {
      return re;
    }
    return new RequestException("CIB_FAILED", String.valueOf(cause.getMessage()));
  }
}
