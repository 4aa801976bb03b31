package org.pacer.cli.configure.render;

import java.util.List;
import org.pacer.cli.configure.store.CibXml;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;

/** {@code bundle} statements. */
final class BundleRenderer {
  private BundleRenderer() {}

  static String bundle(CrmshRenderer r, Element e) {
    String id = e.getAttribute("id");
    Text t = new Text("bundle " + id);
    if (e.hasAttribute("description")) {
      t.word(Text.pair("description", e.getAttribute("description")));
    }
    // in the order the bundle statement builds them, so that show is stable after a load
    List<Element> kids = new java.util.ArrayList<>(CibXml.children(e));
    List<String> order = List.of("docker", "rkt", "podman", "network", "storage", "primitive");
    kids.sort(
        java.util.Comparator.comparingInt(
            c -> order.contains(c.getTagName()) ? order.indexOf(c.getTagName()) : order.size()));
    for (Element c : kids) {
      String tag = c.getTagName();
      switch (tag) {
        case "docker", "rkt", "podman" -> t.line(withAttrs(tag, c));
        case "network" -> {
          StringBuilder b = new StringBuilder(withAttrs("network", c));
          for (Element pm : CibXml.children(c)) {
            b.append(' ').append(withAttrs("port-mapping", pm));
          }
          t.line(b.toString());
        }
        case "storage" -> {
          StringBuilder b = new StringBuilder("storage");
          for (Element sm : CibXml.children(c)) {
            b.append(' ').append(withAttrs("storage-mapping", sm));
          }
          t.line(b.toString());
        }
        case "primitive" -> t.line("primitive " + c.getAttribute("id"));
        case "meta_attributes" -> t.line(r.attrSet("meta", c, id));
        case "instance_attributes" -> t.line(r.attrSet("params", c, id));
        default -> {}
      }
    }
    return t.toString();
  }

  private static String withAttrs(String word, Element e) {
    StringBuilder b = new StringBuilder(word);
    List<Attr> attrs = ConstraintRenderer.attrs(e);
    for (Attr a : attrs) {
      b.append(' ').append(Text.pair(a.getName(), a.getValue()));
    }
    return b.toString();
  }
}
