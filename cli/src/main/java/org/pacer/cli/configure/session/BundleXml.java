package org.pacer.cli.configure.session;

import java.util.Map;
import org.pacer.cli.configure.model.AttrSet;
import org.pacer.cli.configure.model.Definition;
import org.pacer.cli.configure.render.XmlGenerator;
import org.w3c.dom.Element;

/** The bundle element: engine, network with port mappings, storage, then sets. */
final class BundleXml {
  private final XmlGenerator g;

  BundleXml(XmlGenerator g) {
    this.g = g;
  }

  Element bundle(Definition.Bundle b) {
    Element e = g.el("bundle");
    e.setAttribute("id", b.id());
    g.ids().claim(b.id());
    if (b.description() != null) {
      e.setAttribute("description", b.description());
    }
    Element engine = g.el(b.engine());
    b.engineAttributes().forEach(engine::setAttribute);
    e.appendChild(engine);
    if (b.network() != null) {
      Element net = g.el("network");
      b.network().forEach(net::setAttribute);
      for (Map<String, String> pm : b.portMappings()) {
        net.appendChild(mapping("port-mapping", pm, b.id()));
      }
      e.appendChild(net);
    }
    if (b.storage()) {
      Element st = g.el("storage");
      for (Map<String, String> sm : b.storageMappings()) {
        st.appendChild(mapping("storage-mapping", sm, b.id()));
      }
      e.appendChild(st);
    }
    for (AttrSet s : b.sets()) {
      e.appendChild(g.attrSet(s, b.id()));
    }
    return e;
  }

  private Element mapping(String tag, Map<String, String> attrs, String owner) {
    Element m = g.el(tag);
    attrs.forEach(m::setAttribute);
    if (!attrs.containsKey("id")) {
      m.setAttribute("id", g.ids().make(owner + "-" + tag));
    } else {
      g.ids().claim(attrs.get("id"));
    }
    return m;
  }
}
