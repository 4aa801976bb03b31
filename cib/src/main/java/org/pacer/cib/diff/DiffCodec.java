package org.pacer.cib.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pacer.cib.document.CibVersion;

/** Diffs as JSON, the body of the {@code cib.diff} notification. */
public final class DiffCodec {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private DiffCodec() {}

  public static ObjectNode toJson(CibDiff d) {
    ObjectNode o = F.objectNode();
    o.put("from", d.from().toString());
    o.put("to", d.to().toString());
    o.put("digest", d.digest());
    ArrayNode changes = o.putArray("changes");
    for (CibDiff.Change c : d.changes()) {
      ObjectNode j = changes.addObject();
      j.put("path", c.path());
      if (c instanceof CibDiff.Created cr) {
        j.put("op", "create");
        j.put("position", cr.position());
        j.put("xml", cr.xml());
      } else if (c instanceof CibDiff.Modified m) {
        j.put("op", "modify");
        ObjectNode set = j.putObject("set");
        new TreeMap<>(m.set()).forEach(set::put);
        ArrayNode removed = j.putArray("removed");
        m.removed().forEach(removed::add);
      } else {
        j.put("op", "delete");
      }
    }
    return o;
  }

  public static CibDiff fromJson(JsonNode o) {
    List<CibDiff.Change> changes = new ArrayList<>();
    for (JsonNode j : o.path("changes")) {
      String path = j.path("path").asText();
      switch (j.path("op").asText()) {
        case "create" ->
            changes.add(
                new CibDiff.Created(path, j.path("position").asInt(), j.path("xml").asText()));
        case "modify" -> {
          Map<String, String> set = new TreeMap<>();
          j.path("set").fields().forEachRemaining(e -> set.put(e.getKey(), e.getValue().asText()));
          List<String> removed = new ArrayList<>();
          j.path("removed").forEach(r -> removed.add(r.asText()));
          changes.add(new CibDiff.Modified(path, set, removed));
        }
        case "delete" -> changes.add(new CibDiff.Deleted(path));
        default -> throw new IllegalArgumentException("unknown change op " + j.path("op"));
      }
    }
    return new CibDiff(
        CibVersion.parse(o.path("from").asText()),
        CibVersion.parse(o.path("to").asText()),
        o.path("digest").asText(),
        changes);
  }
}
