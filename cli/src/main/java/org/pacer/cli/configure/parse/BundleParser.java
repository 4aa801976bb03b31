package org.pacer.cli.configure.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pacer.cli.configure.model.AttrSet;
import org.pacer.cli.configure.model.Definition;
import org.pacer.cli.configure.model.NvPair;
import org.pacer.cli.configure.model.SetKind;

/**
 * {@code bundle ID docker|rkt|podman ... [network ...] [storage ...] [primitive ID] [meta ...]}.
 */
final class BundleParser {

  private BundleParser() {}

  static Definition bundle(Cursor c) throws ParseException {
    Token idTok = c.expect("a bundle id");
    String id = idTok.text().startsWith("id=") ? idTok.text().substring(3) : idTok.text();
    String description = null;
    String engine = null;
    Map<String, String> engineAttrs = new LinkedHashMap<>();
    Map<String, String> network = null;
    List<Map<String, String>> ports = new ArrayList<>();
    boolean storage = false;
    List<Map<String, String>> mappings = new ArrayList<>();
    String primitive = null;
    List<AttrSet> sets = new ArrayList<>();
    while (!c.atEnd()) {
      Token t = c.next();
      if (t.text().startsWith("description=")) {
        description = t.text().substring(12);
      } else if (t.is("docker") || t.is("rkt") || t.is("podman")) {
        engine = t.text();
        engineAttrs = pairs(c);
      } else if (t.is("network")) {
        network = pairs(c);
        while (c.accept("port-mapping")) {
          ports.add(pairs(c));
        }
      } else if (t.is("port-mapping")) {
        if (network == null) {
          network = new LinkedHashMap<>();
        }
        ports.add(pairs(c));
      } else if (t.is("storage")) {
        storage = true;
        while (c.accept("storage-mapping")) {
          mappings.add(pairs(c));
        }
      } else if (t.is("primitive")) {
        primitive = c.expect("the primitive the bundle runs").text();
      } else if (t.is("meta")) {
        sets.add(SetParser.attrSet(c, SetKind.META, false));
      } else if (t.is("params")) {
        sets.add(SetParser.attrSet(c, SetKind.PARAMS, false));
      } else {
        throw c.errorAt(t, "expected docker, rkt, podman, network, storage, primitive or meta");
      }
    }
    if (engine == null) {
      throw c.error("bundle " + id + " needs a container engine: docker, rkt or podman");
    }
    return new Definition.Bundle(
        id, description, engine, engineAttrs, network, ports, storage, mappings, primitive, sets);
  }

  private static Map<String, String> pairs(Cursor c) {
    Map<String, String> out = new LinkedHashMap<>();
    while (SetParser.isPair(c.peek())) {
      NvPair p = SetParser.pair(c.next());
      out.put(p.name(), p.value());
    }
    return out;
  }
}
