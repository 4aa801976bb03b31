package org.pacer.cli.configure.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.pacer.cli.configure.store.CibXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Lookups and sections of a CIB document being edited. */
public final class Cib {

  /** Sections of the configuration, in the order Pacemaker writes them. */
  static final List<String> SECTIONS =
      List.of(
          "crm_config",
          "nodes",
          "resources",
          "constraints",
          "fencing-topology",
          "op_defaults",
          "rsc_defaults",
          "tags",
          "acls",
          "alerts");

  static final Set<String> RESOURCE_TAGS =
      Set.of("primitive", "group", "clone", "master", "bundle", "template");
  static final Set<String> CONSTRAINT_TAGS =
      Set.of("rsc_location", "rsc_colocation", "rsc_order", "rsc_ticket");

  private final Document doc;
  private final IdIndex index;

  public Cib(Document doc) {
    this(doc, null);
  }

  /**
   * @param index kept up to date with {@code doc}, or null to search the document each time
   */
  Cib(Document doc, IdIndex index) {
    this.doc = doc;
    this.index = index;
  }

  /** Whether an element with this id (of any kind) is in the CIB. */
  boolean idTaken(String id) {
    return index != null ? index.contains(id) : anyWithId(id);
  }

  private boolean anyWithId(String id) {
    NodeList all = doc.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      if (id.equals(((Element) all.item(i)).getAttribute("id"))) {
        return true;
      }
    }
    return false;
  }

  /** The first element with this id below {@code root}, references excluded. */
  Element byIdUnder(Element root, String id) {
    if (index == null) {
      return byId(root, id);
    }
    for (Element e : index.get(id)) {
      if (!isReference(e) && isBelow(e, root)) {
        return e;
      }
    }
    return null;
  }

  private static boolean isBelow(Node n, Node root) {
    for (Node p = n; p != null; p = p.getParentNode()) {
      if (p == root) {
        return true;
      }
    }
    return false;
  }

  public Document doc() {
    return doc;
  }

  public Element configuration() {
    return CibXml.child(doc.getDocumentElement(), "configuration");
  }

  /** The section element, created in its place when missing. */
  public Element section(String name) {
    Element conf = configuration();
    Element s = CibXml.child(conf, name);
    if (s != null) {
      return s;
    }
    // crmsh adds a missing section after the others, so sections stand in creation order
    s = doc.createElement(name);
    conf.appendChild(s);
    return s;
  }

  public Element sectionIfPresent(String name) {
    return CibXml.child(configuration(), name);
  }

  /** The configuration element with this id, or null. */
  public Element byId(String id) {
    return byIdUnder(configuration(), id);
  }

  static Element byId(Element root, String id) {
    NodeList all = root.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (id.equals(e.getAttribute("id")) && !isReference(e)) {
        return e;
      }
    }
    return null;
  }

  /** resource_ref, obj_ref and acl role elements carry an "id" that names something else. */
  static boolean isReference(Element e) {
    String t = e.getTagName();
    return t.equals("resource_ref")
        || t.equals("obj_ref")
        || (t.equals("role")
            && e.getParentNode() instanceof Element p
            && !p.getTagName().equals("acls"));
  }

  public List<String> nodeNames() {
    List<String> out = new ArrayList<>();
    Element nodes = sectionIfPresent("nodes");
    if (nodes != null) {
      for (Element n : CibXml.children(nodes)) {
        out.add(n.hasAttribute("uname") ? n.getAttribute("uname") : n.getAttribute("id"));
      }
    }
    return out;
  }

  /** Every resource element (primitives inside groups and clones too). */
  public List<Element> resources() {
    List<Element> out = new ArrayList<>();
    Element r = sectionIfPresent("resources");
    if (r != null) {
      collectResources(r, out);
    }
    return out;
  }

  private static void collectResources(Element parent, List<Element> out) {
    for (Element c : CibXml.children(parent)) {
      if (RESOURCE_TAGS.contains(c.getTagName())) {
        out.add(c);
        collectResources(c, out);
      }
    }
  }

  public boolean isResource(Element e) {
    return e != null && RESOURCE_TAGS.contains(e.getTagName());
  }

  /** The top-level objects crmsh shows one statement for, in document order. */
  public List<Element> objects() {
    List<Element> out = new ArrayList<>();
    for (Element sec : CibXml.children(configuration())) {
      switch (sec.getTagName()) {
        case "crm_config", "rsc_defaults", "op_defaults" -> out.addAll(CibXml.children(sec));
        case "nodes", "constraints", "tags", "acls", "alerts" -> out.addAll(CibXml.children(sec));
        case "resources" -> out.addAll(resources());
        case "fencing-topology" -> out.add(sec);
        default -> {}
      }
    }
    out.removeIf(e -> e.getTagName().equals("status"));
    return out;
  }

  /** The object id crmsh shows; fencing-topology has none of its own. */
  public static String objectId(Element e) {
    return e.getTagName().equals("fencing-topology") ? "fencing_topology" : e.getAttribute("id");
  }

  /** Finds a top-level object (or any resource) by the id crmsh shows. */
  public Element object(String id) {
    for (Element e : objects()) {
      if (id.equals(objectId(e))) {
        return e;
      }
    }
    return null;
  }
}
