package org.pacer.cli.configure.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pacer.cli.configure.model.AttrSet;
import org.pacer.cli.configure.model.Definition;
import org.pacer.cli.configure.model.NvPair;
import org.pacer.cli.configure.model.Op;
import org.pacer.cli.configure.render.ConstraintXml;
import org.pacer.cli.configure.render.IdAllocator;
import org.pacer.cli.configure.render.XmlGenerator;
import org.pacer.cli.configure.store.CibStoreException;
import org.pacer.cli.configure.store.CibXml;
import org.w3c.dom.Comment;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Applies definitions to the working CIB: creates objects, or (for load update, edit and filter)
 * replaces them in place. Each call either succeeds or leaves the document as it was.
 */
public final class CibEditor {
  private final Cib cib;
  private final java.util.Set<String> retired;

  /**
   * @param retired ids no longer in the CIB that must not be handed out again this session; ids an
   *     update drops are added to it
   */
  public CibEditor(Cib cib, java.util.Set<String> retired) {
    this.cib = cib;
    this.retired = retired;
  }

  private XmlGenerator generator() {
    return generator(new IdAllocator(id -> retired.contains(id) || cib.idTaken(id)));
  }

  private XmlGenerator generator(IdAllocator ids) {
    return new XmlGenerator(
        cib.doc(),
        ids,
        new XmlGenerator.CibView() {
          @Override
          public List<String> nodeNames() {
            return cib.nodeNames();
          }

          @Override
          public Element byId(String id) {
            return cib.byId(id);
          }
        });
  }

  /** Frees the ids an element holds itself, so that its replacement can have them back. */
  private static void releaseOwnIds(IdAllocator ids, Element e, boolean top) {
    if (!top && Cib.RESOURCE_TAGS.contains(e.getTagName())) {
      return;
    }
    if (e.hasAttribute("id") && !Cib.isReference(e)) {
      ids.release(e.getAttribute("id"));
    }
    for (Element c : CibXml.children(e)) {
      releaseOwnIds(ids, c, false);
    }
  }

  /**
   * Adds (or with {@code update}, replaces) the object a definition describes.
   *
   * @param comments {@code #} lines that preceded the statement; kept as XML comments
   */
  public void define(Definition d, List<String> comments, boolean update) throws EditException {
    XmlGenerator g = generator();
    boolean rawTopology =
        d instanceof Definition.RawXml x && x.xml().startsWith("<fencing-topology");
    if (d instanceof Definition.FencingTopology || rawTopology) {
      Element old = cib.sectionIfPresent("fencing-topology");
      Element e =
          rawTopology
              ? rawXml((Definition.RawXml) d)
              : new ConstraintXml(g)
                  .fencingTopology((Definition.FencingTopology) d, cib.nodeNames());
      for (int i = comments.size() - 1; i >= 0; i--) {
        e.insertBefore(cib.doc().createComment(comments.get(i)), e.getFirstChild());
      }
      if (old != null) {
        old.getParentNode().replaceChild(e, old);
        return;
      }
      cib.configuration().appendChild(e);
      return;
    }
    if (d instanceof Definition.ClusterSet cs && !update) {
      mergeClusterSet(cs, g);
      return;
    }
    String id = d instanceof Definition.ClusterSet cs ? clusterSetId(cs) : d.id();
    Element existing = id == null ? null : find(id, d instanceof Definition.Node);
    if (existing != null && d instanceof Definition.Node) {
      update = true; // crmsh redefines an existing node in place (nodes appear by themselves)
    }
    if (existing != null && !update) {
      throw new EditException(
          "object "
              + id
              + " already exists (a "
              + existing.getTagName()
              + "); delete or rename it first");
    }
    if (existing != null && !sameKind(existing, d)) {
      throw new EditException(
          "cannot redefine " + existing.getTagName() + " " + id + " as a different kind of object");
    }
    if (existing != null) {
      releaseOwnIds(g.ids(), existing, true);
    }
    Element e = build(d, g, id);
    String section =
        d instanceof Definition.ClusterSet cs
            ? sectionOf(cs)
            : e.getUserData("section") != null
                ? (String) e.getUserData("section")
                : sectionFor(e.getTagName());
    if (d instanceof Definition.Container c) {
      adopt(e, c.children(), existing, c.kind());
    } else if (d instanceof Definition.Bundle b) {
      adopt(e, b.primitive() == null ? List.of() : List.of(b.primitive()), existing, "bundle");
    }
    for (int i = comments.size() - 1; i >= 0; i--) {
      Comment c = cib.doc().createComment(comments.get(i));
      e.insertBefore(c, e.getFirstChild());
    }
    if (existing != null) {
      java.util.Set<String> before = ownIds(existing);
      before.removeAll(ownIds(e));
      retired.addAll(before);
      existing.getParentNode().replaceChild(e, existing);
    } else {
      cib.section(section).appendChild(e);
    }
  }

  private boolean unwrapping;

  /** Nodes and the other objects are separate name spaces in crmsh (a node may share an id). */
  private Element find(String id, boolean node) {
    Element nodes = cib.sectionIfPresent("nodes");
    if (node) {
      return nodes == null ? null : cib.byIdUnder(nodes, id);
    }
    for (Element sec : CibXml.children(cib.configuration())) {
      if (!sec.getTagName().equals("nodes")) {
        Element e = cib.byIdUnder(sec, id);
        if (e != null) {
          return e;
        }
      }
    }
    return null;
  }

  private static java.util.Set<String> ownIds(Element e) {
    java.util.Set<String> out = new java.util.HashSet<>();
    collectOwnIds(e, out, true);
    return out;
  }

  private static void collectOwnIds(Element e, java.util.Set<String> out, boolean top) {
    if (!top && Cib.RESOURCE_TAGS.contains(e.getTagName())) {
      return;
    }
    if (!top && e.hasAttribute("id") && !Cib.isReference(e)) {
      out.add(e.getAttribute("id"));
    }
    for (Element c : CibXml.children(e)) {
      collectOwnIds(c, out, false);
    }
  }

  /**
   * Before several containers are redefined at once (load, edit, filter), their members go back to
   * the top level, so that members can move between them in one step.
   */
  public void unwrapRedefined(List<org.pacer.cli.configure.model.Command.Define> defs) {
    unwrapping = true;
    Element resources = cib.sectionIfPresent("resources");
    for (org.pacer.cli.configure.model.Command.Define d : defs) {
      if (d.definition() instanceof Definition.Container c) {
        Element old = find(c.id(), false);
        if (old != null && cib.isResource(old)) {
          for (Element m : CibXml.children(old)) {
            if (cib.isResource(m)) {
              resources.appendChild(m);
            }
          }
        }
      }
    }
  }

  /**
   * The element of a definition, detached; containers get their attributes and sets but not yet
   * their members.
   */
  Element build(Definition d, XmlGenerator g, String id) throws EditException {
    ConstraintXml cx = new ConstraintXml(g);
    if (d instanceof Definition.Primitive p) {
      return g.primitive(p);
    } else if (d instanceof Definition.Container c) {
      Element e = cib.doc().createElement(c.kind());
      e.setAttribute("id", c.id());
      g.ids().claim(c.id());
      if (c.description() != null) {
        e.setAttribute("description", c.description());
      }
      for (AttrSet s : c.sets()) {
        e.appendChild(g.attrSet(s, c.id()));
      }
      return e;
    } else if (d instanceof Definition.Bundle b) {
      return new BundleXml(g).bundle(b);
    } else if (d instanceof Definition.Location l) {
      return cx.location(l);
    } else if (d instanceof Definition.Colocation c) {
      return cx.colocation(c);
    } else if (d instanceof Definition.Order o) {
      return cx.order(o);
    } else if (d instanceof Definition.Ticket t) {
      return cx.ticket(t);
    } else if (d instanceof Definition.ClusterSet cs) {
      return g.attrSet(withId(cs.set(), id), id);
    } else if (d instanceof Definition.Node n) {
      return g.node(n);
    } else if (d instanceof Definition.Tag t) {
      return cx.tag(t);
    } else if (d instanceof Definition.Alert a) {
      return cx.alert(a);
    } else if (d instanceof Definition.Role r) {
      return cx.role(r);
    } else if (d instanceof Definition.AclTarget t) {
      return cx.aclTarget(t);
    } else if (d instanceof Definition.RawXml x) {
      return rawXml(x);
    } else if (d instanceof Definition.FencingTopology f) {
      return cx.fencingTopology(f, cib.nodeNames());
    }
    throw new IllegalStateException("unhandled definition " + d);
  }

  /**
   * What defining {@code d} in place of {@code existing} would produce, without changing the CIB:
   * used to check that printed text reads back as the same XML.
   */
  Element rebuild(Definition d, Element existing) throws EditException {
    XmlGenerator g = generator();
    releaseOwnIds(g.ids(), existing, true);
    String id = d instanceof Definition.ClusterSet cs ? clusterSetId(cs) : d.id();
    return build(d, g, id);
  }

  private static boolean sameKind(Element existing, Definition d) {
    String t = existing.getTagName();
    if (d instanceof Definition.Primitive p) {
      return t.equals(p.template() ? "template" : "primitive");
    } else if (d instanceof Definition.Container) {
      return Cib.RESOURCE_TAGS.contains(t) && !t.equals("primitive");
    } else if (d instanceof Definition.ClusterSet s) {
      return t.equals(s.set().kind().element());
    } else if (d instanceof Definition.AclTarget a) {
      return t.equals(a.kind());
    } else if (d instanceof Definition.RawXml) {
      return true;
    }
    String want =
        d instanceof Definition.Bundle
            ? "bundle"
            : d instanceof Definition.Location
                ? "rsc_location"
                : d instanceof Definition.Colocation
                    ? "rsc_colocation"
                    : d instanceof Definition.Order
                        ? "rsc_order"
                        : d instanceof Definition.Ticket
                            ? "rsc_ticket"
                            : d instanceof Definition.Node
                                ? "node"
                                : d instanceof Definition.Tag
                                    ? "tag"
                                    : d instanceof Definition.Alert ? "alert" : "acl_role";
    return t.equals(want);
  }

  static String sectionOf(Definition.ClusterSet cs) {
    String k = cs.set().kind().keyword();
    return k.equals("property") ? "crm_config" : k;
  }

  static String clusterSetId(Definition.ClusterSet cs) {
    return cs.set().id() != null ? cs.set().id() : XmlGenerator.defaultSetId(cs.set().kind());
  }

  private static AttrSet withId(AttrSet s, String id) {
    return new AttrSet(s.kind(), id, s.idRef(), s.score(), s.rules(), s.pairs());
  }

  private static String sectionFor(String kind) {
    return switch (kind) {
      case "cluster_property_set" -> "crm_config";
      case "node" -> "nodes";
      case "rsc_location", "rsc_colocation", "rsc_order", "rsc_ticket" -> "constraints";
      case "tag" -> "tags";
      case "alert" -> "alerts";
      case "acl_role", "acl_target", "acl_group", "acl_user" -> "acls";
      case "meta_attributes" -> "rsc_defaults";
      default -> "resources";
    };
  }

  /** {@code property a=b} adds to (or changes a value in) the set it names. */
  private void mergeClusterSet(Definition.ClusterSet cs, XmlGenerator g) throws EditException {
    String id = clusterSetId(cs);
    Element existing = cib.byId(id);
    if (existing == null) {
      cib.section(sectionOf(cs)).appendChild(g.attrSet(withId(cs.set(), id), id));
      return;
    }
    if (!existing.getTagName().equals(cs.set().kind().element())) {
      throw new EditException("object " + id + " already exists (a " + existing.getTagName() + ")");
    }
    for (org.pacer.cli.configure.model.Rule r : cs.set().rules()) {
      Element first = CibXml.child(existing, "nvpair");
      existing.insertBefore(g.rule(r, id), first);
    }
    for (NvPair p : cs.set().pairs()) {
      Element found = null;
      for (Element n : CibXml.children(existing)) {
        if (n.getTagName().equals("nvpair")
            && p.name() != null
            && p.name().equals(n.getAttribute("name"))) {
          found = n;
        }
      }
      if (found != null && p.value() != null) {
        found.setAttribute("value", p.value());
      } else if (found == null) {
        existing.appendChild(g.nvpair(p, id));
      }
    }
  }

  /**
   * Moves the named resources into a new container. Members the old definition had that the new one
   * drops go back to the top level. Constraints on a resource that is newly wrapped now name the
   * container, as crmsh does.
   */
  private void adopt(Element container, List<String> children, Element existing, String kind)
      throws EditException {
    List<Element> found = new ArrayList<>();
    for (String child : children) {
      Element r = cib.byId(child);
      if (r == null || !cib.isResource(r)) {
        throw new EditException(
            kind + " " + container.getAttribute("id") + " refers to missing resource " + child);
      }
      if (kind.equals("group") && !r.getTagName().equals("primitive")) {
        throw new EditException(
            "group "
                + container.getAttribute("id")
                + " can hold only primitives; "
                + child
                + " is a "
                + r.getTagName());
      }
      Node parent = r.getParentNode();
      boolean top = parent instanceof Element p && p.getTagName().equals("resources");
      if (!top && parent != existing) {
        throw new EditException(
            child
                + " is already in "
                + ((Element) parent).getAttribute("id")
                + "; a resource can be in one container only");
      }
      if (found.contains(r)) {
        throw new EditException(child + " is named twice in " + container.getAttribute("id"));
      }
      found.add(r);
    }
    Element resources = cib.section("resources");
    if (existing != null) {
      for (Element old : CibXml.children(existing)) {
        if (cib.isResource(old) && !found.contains(old)) {
          resources.appendChild(old);
        }
      }
    }
    for (Element r : found) {
      boolean wasTop = r.getParentNode() == resources;
      r.getParentNode().removeChild(r);
      // a bundle's primitive goes before its sets, where crmsh writes it
      Node before = null;
      if (kind.equals("bundle")) {
        for (Element c : CibXml.children(container)) {
          if (c.getTagName().endsWith("_attributes")) {
            before = c;
            break;
          }
        }
      }
      container.insertBefore(r, before);
      if (wasTop && existing == null && !unwrapping) {
        References.repoint(cib, r.getAttribute("id"), container.getAttribute("id"));
      }
    }
  }

  private Element rawXml(Definition.RawXml x) throws EditException {
    try {
      org.w3c.dom.Document d = CibXml.parse(x.xml());
      Element root = d.getDocumentElement();
      if (root.getTagName().equals("rsc_defaults") || root.getTagName().equals("op_defaults")) {
        Element set = CibXml.child(root, "meta_attributes");
        if (set == null) {
          throw new EditException("xml: " + root.getTagName() + " holds no meta_attributes");
        }
        Element e = (Element) cib.doc().importNode(set, true);
        e.setUserData("section", root.getTagName(), null);
        return e;
      }
      return (Element) cib.doc().importNode(root, true);
    } catch (CibStoreException e) {
      throw new EditException("xml: " + e.getMessage());
    }
  }

  /** {@code monitor rsc[:role] interval[:timeout]}. */
  public void monitor(String rsc, String role, String interval, String timeout)
      throws EditException {
    Element p = cib.byId(rsc);
    if (p == null || !p.getTagName().equals("primitive")) {
      throw new EditException("monitor: no primitive " + rsc);
    }
    Element ops = CibXml.child(p, "operations");
    if (ops == null) {
      ops = cib.doc().createElement("operations");
      p.appendChild(ops);
    }
    for (Element o : CibXml.children(ops)) {
      if (o.getAttribute("name").equals("monitor") && o.getAttribute("interval").equals(interval)) {
        throw new EditException("monitor: " + rsc + " already has a monitor every " + interval);
      }
    }
    Map<String, String> attrs = new java.util.LinkedHashMap<>();
    if (role != null) {
      attrs.put("role", role);
    }
    attrs.put("interval", interval);
    if (timeout != null) {
      attrs.put("timeout", timeout);
    }
    ops.appendChild(generator().op(new Op("monitor", attrs, List.of()), rsc));
  }
}
