package org.pacer.cib.replication;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.pacer.cib.document.CibSection;
import org.pacer.cib.document.CibVersion;
import org.pacer.cib.ops.CibWrite;

/**
 * Replication messages as JSON bytes for the group. Written by hand rather than by reflection so
 * the wire form is explicit and stable across refactoring of the records.
 */
public final class ReplicationCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReplicationCodec() {}

  public static byte[] encode(ReplicationMessage m) {
    try {
      return JSON.writeValueAsBytes(toJson(m));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + m.getClass().getSimpleName(), e);
    }
  }

  public static ReplicationMessage decode(byte[] bytes) {
    try {
      return fromJson(JSON.readTree(bytes));
    } catch (java.io.IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "undecodable cib replication message ("
              + bytes.length
              + " bytes): "
              + e.getMessage()
              + ": "
              + new String(bytes, 0, Math.min(bytes.length, 80), StandardCharsets.UTF_8),
          e);
    }
  }

  public static JsonNode toJson(ReplicationMessage m) {
    ObjectNode o = JSON.createObjectNode();
    if (m instanceof ReplicationMessage.Write w) {
      o.put("type", "write");
      o.put("origin", w.origin());
      o.put("requestId", w.requestId());
      o.set("write", writeToJson(w.write()));
      o.put("user", w.user());
      o.put("client", w.client());
      o.put("time", w.time().toString());
      if (w.basedOn() != null) {
        o.put("basedOn", w.basedOn().toString());
      }
      o.put("maxWriteBytes", w.maxWriteBytes());
      ArrayNode g = o.putArray("groups");
      w.groups().stream().sorted().forEach(g::add);
      if (w.check() != null) {
        checkFields(o.putObject("check"), w.check());
      }
    } else if (m instanceof ReplicationMessage.Check c) {
      o.put("type", "check");
      checkFields(o, c);
    } else if (m instanceof ReplicationMessage.Offer f) {
      o.put("type", "offer");
      round(o, f.round());
      o.put("version", f.version().toString());
      o.put("digest", f.digest());
      o.put("live", f.live());
    } else if (m instanceof ReplicationMessage.Snapshot s) {
      o.put("type", "snapshot");
      round(o, s.round());
      o.put("version", s.version().toString());
      o.put("xml", s.xml());
    } else if (m instanceof ReplicationMessage.StartRound st) {
      o.put("type", "start-round");
      round(o, st.round());
    } else if (m instanceof ReplicationMessage.Resync r) {
      o.put("type", "resync");
      round(o, r.round());
      o.put("reason", r.reason());
    }
    return o;
  }

  public static ReplicationMessage fromJson(JsonNode o) {
    String type = text(o, "type");
    switch (type) {
      case "write" -> {
        Set<String> groups = new LinkedHashSet<>();
        o.path("groups").forEach(g -> groups.add(g.asText()));
        return new ReplicationMessage.Write(
            text(o, "origin"),
            o.path("requestId").asLong(),
            writeFromJson(o.path("write")),
            text(o, "user"),
            text(o, "client"),
            Instant.parse(text(o, "time")),
            o.hasNonNull("basedOn") ? CibVersion.parse(o.get("basedOn").asText()) : null,
            o.path("maxWriteBytes").asInt(),
            groups,
            o.hasNonNull("check") ? check(o.get("check")) : null);
      }
      case "check" -> {
        return check(o);
      }
      case "offer" -> {
        return new ReplicationMessage.Offer(
            round(o),
            CibVersion.parse(text(o, "version")),
            text(o, "digest"),
            o.path("live").asBoolean());
      }
      case "snapshot" -> {
        return new ReplicationMessage.Snapshot(
            round(o), CibVersion.parse(text(o, "version")), text(o, "xml"));
      }
      case "start-round" -> {
        return new ReplicationMessage.StartRound(round(o));
      }
      case "resync" -> {
        return new ReplicationMessage.Resync(round(o), text(o, "reason"));
      }
      default -> throw new IllegalArgumentException("unknown message type '" + type + "'");
    }
  }

  /** A write as JSON; also the body of client requests. */
  public static ObjectNode writeToJson(CibWrite w) {
    ObjectNode o = JSON.createObjectNode();
    o.put("op", w.verb());
    if (w instanceof CibWrite.Create c) {
      scope(o, c.scope());
      o.put("xml", c.xml());
    } else if (w instanceof CibWrite.Modify m) {
      scope(o, m.scope());
      o.put("xpath", m.xpath());
      o.put("xml", m.xml());
      o.put("allowCreate", m.allowCreate());
    } else if (w instanceof CibWrite.Replace r) {
      scope(o, r.scope());
      o.put("xpath", r.xpath());
      o.put("xml", r.xml());
    } else if (w instanceof CibWrite.Delete d) {
      scope(o, d.scope());
      o.put("xpath", d.xpath());
      o.put("xml", d.xml());
    } else if (w instanceof CibWrite.Erase e) {
      o.put("force", e.force());
    }
    return o;
  }

  public static CibWrite writeFromJson(JsonNode o) {
    CibSection scope =
        o.hasNonNull("scope")
            ? CibSection.byTag(o.get("scope").asText())
                .orElseThrow(() -> new IllegalArgumentException("unknown scope " + o.get("scope")))
            : null;
    String xpath = o.hasNonNull("xpath") ? o.get("xpath").asText() : null;
    String xml = o.hasNonNull("xml") ? o.get("xml").asText() : null;
    return switch (text(o, "op")) {
      case "create" -> new CibWrite.Create(scope, xml);
      case "modify" -> new CibWrite.Modify(scope, xpath, xml, o.path("allowCreate").asBoolean());
      case "replace" -> new CibWrite.Replace(scope, xpath, xml);
      case "delete" -> new CibWrite.Delete(scope, xpath, xml);
      case "erase" -> new CibWrite.Erase(o.path("force").asBoolean());
      case "bump" -> new CibWrite.Bump();
      default ->
          throw new IllegalArgumentException("unknown write op '" + o.path("op").asText() + "'");
    };
  }

  private static void scope(ObjectNode o, CibSection s) {
    if (s != null) {
      o.put("scope", s.tag());
    }
  }

  private static void checkFields(ObjectNode o, ReplicationMessage.Check c) {
    round(o, c.round());
    o.put("index", c.index());
    o.put("version", c.version().toString());
    o.put("digest", c.digest());
  }

  private static ReplicationMessage.Check check(JsonNode c) {
    return new ReplicationMessage.Check(
        round(c),
        c.path("index").asLong(),
        CibVersion.parse(text(c, "version")),
        text(c, "digest"));
  }

  private static void round(ObjectNode o, Round r) {
    o.put("coordinator", r.coordinator());
    o.put("incarnation", r.incarnation());
    o.put("counter", r.counter());
  }

  private static Round round(JsonNode o) {
    return new Round(text(o, "coordinator"), text(o, "incarnation"), o.path("counter").asLong());
  }

  private static String text(JsonNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      throw new IllegalArgumentException("missing field '" + field + "'");
    }
    return n.asText();
  }
}
