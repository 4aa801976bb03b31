package org.pacer.cli.configure.session;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.pacer.cli.configure.store.CibXml;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** delete, rename, erase, set and modgroup on the working CIB. */
final class Mutations {
  private final Cib cib;

  Mutations(Cib cib) {
    this.cib = cib;
  }

  /**
   * Deletes objects. A resource leaves its container, and a container left empty goes too;
   * constraints and tags naming what went are fixed or removed.
   *
   * @return what else was removed as a consequence, for the user to see
   */
  List<String> delete(List<String> ids) throws EditException {
    List<Element> targets = new ArrayList<>();
    for (String id : ids) {
      Element e = cib.object(id);
      if (e == null) {
        throw new EditException("object " + id + " does not exist");
      }
      targets.add(e);
    }
    Set<String> gone = new HashSet<>();
    List<String> also = new ArrayList<>();
    for (Element e : targets) {
      if (e.getParentNode() == null || !attached(e)) {
        continue; // already removed with its container
      }
      remove(e, gone, also);
    }
    also.addAll(References.forget(cib, gone));
    return also;
  }

  private boolean attached(Element e) {
    Node n = e;
    while (n != null && n != cib.doc()) {
      n = n.getParentNode();
    }
    return n == cib.doc();
  }

  private void remove(Element e, Set<String> gone, List<String> also) {
    Element parent = (Element) e.getParentNode();
    String id = e.getAttribute("id");
    if (e.getTagName().equals("fencing-topology")) {
      parent.removeChild(e);
      return;
    }
    if (cib.isResource(e) && !e.getTagName().equals("primitive")) {
      // a container's members stay, at the container's level
      List<Element> members = new ArrayList<>();
      for (Element c : CibXml.children(e)) {
        if (cib.isResource(c)) {
          members.add(c);
        }
      }
      Element resources = cib.section("resources");
      for (Element m : members) {
        resources.appendChild(m);
      }
      if (members.size() == 1 && !e.getTagName().equals("group")) {
        References.repoint(cib, id, members.get(0).getAttribute("id"));
      } else {
        gone.add(id);
      }
    } else {
      gone.add(id);
    }
    parent.removeChild(e);
    if (cib.isResource(parent) && !hasResource(parent)) {
      also.add(parent.getAttribute("id"));
      Element grand = (Element) parent.getParentNode();
      gone.add(parent.getAttribute("id"));
      grand.removeChild(parent);
      if (cib.isResource(grand) && !hasResource(grand)) {
        also.add(grand.getAttribute("id"));
        gone.add(grand.getAttribute("id"));
        grand.getParentNode().removeChild(grand);
      }
    }
  }

  private boolean hasResource(Element e) {
    for (Element c : CibXml.children(e)) {
      if (cib.isResource(c)) {
        return true;
      }
    }
    return false;
  }

  void rename(String from, String to) throws EditException {
    Element e = cib.object(from);
    if (e == null) {
      throw new EditException("object " + from + " does not exist");
    }
    if (cib.byId(to) != null) {
      throw new EditException(
          "cannot rename " + from + " to " + to + ": " + to + " already exists");
    }
    if (!to.matches("[A-Za-z_][-A-Za-z0-9_.]*")) {
      throw new EditException("cannot rename " + from + ": \"" + to + "\" is not a valid id");
    }
    e.setAttribute("id", to);
    if (e.getTagName().equals("node") && from.equals(e.getAttribute("uname"))) {
      e.setAttribute("uname", to);
    }
    References.rename(cib, from, to);
  }

  /**
   * {@code erase}: everything but the nodes; {@code erase nodes}: the nodes only (what crmsh 4.4.1
   * does, whatever its manual says).
   */
  void erase(boolean nodes) {
    if (nodes) {
      Element sec = cib.sectionIfPresent("nodes");
      if (sec != null) {
        while (sec.getFirstChild() != null) {
          sec.removeChild(sec.getFirstChild());
        }
      }
      return;
    }
    erase(false, false);
  }

  /**
   * @param keepTopologyPlace empty the fencing-topology instead of removing it (load replace)
   */
  void erase(boolean nodes, boolean keepTopologyPlace) {
    Element conf = cib.configuration();
    for (org.w3c.dom.Node n = conf.getFirstChild(); n != null; ) {
      org.w3c.dom.Node next = n.getNextSibling();
      if (n.getNodeType() == org.w3c.dom.Node.COMMENT_NODE) {
        conf.removeChild(n);
      }
      n = next;
    }
    for (Element sec : CibXml.children(conf)) {
      String t = sec.getTagName();
      if (t.equals("nodes") && !nodes) {
        continue;
      }
      if (t.equals("fencing-topology") && !keepTopologyPlace) {
        conf.removeChild(sec);
        continue;
      }
      while (sec.getFirstChild() != null) {
        sec.removeChild(sec.getFirstChild());
      }
    }
  }

  /** {@code set rsc.[op.[interval.]]name value}: changes an attribute that is already set. */
  void set(String path, String value) throws EditException {
    String[] p = path.split("\\.");
    Element obj = cib.object(p[0]);
    if (obj == null) {
      throw new EditException("set: object " + p[0] + " does not exist");
    }
    if (p.length == 2) {
      for (Element set : CibXml.children(obj)) {
        if (set.getTagName().equals("instance_attributes")
            || set.getTagName().equals("meta_attributes")
            || set.getTagName().equals("utilization")
            || set.getTagName().equals("nvpair")) {
          Element pair = set.getTagName().equals("nvpair") ? set : null;
          for (Element n : pair != null ? List.of(pair) : CibXml.children(set)) {
            if (n.getTagName().equals("nvpair") && n.getAttribute("name").equals(p[1])) {
              n.setAttribute("value", value);
              return;
            }
          }
        }
      }
      throw new EditException("set: " + p[0] + " has no attribute " + p[1] + " to change");
    }
    Element ops = CibXml.child(obj, "operations");
    List<Element> matches = new ArrayList<>();
    if (ops != null) {
      for (Element op : CibXml.children(ops)) {
        if (op.getAttribute("name").equals(p[1])
            && (p.length == 3 || op.getAttribute("interval").equals(p[2]))) {
          matches.add(op);
        }
      }
    }
    if (matches.isEmpty()) {
      throw new EditException(
          "set: "
              + p[0]
              + " has no operation "
              + String.join(".", List.of(p).subList(1, p.length - 1)));
    }
    if (matches.size() > 1) {
      throw new EditException(
          "set: " + p[0] + " has several " + p[1] + " operations; give the interval too");
    }
    matches.get(0).setAttribute(p[p.length - 1], value);
  }

  void modgroup(String group, boolean add, String rsc, String position, String ref)
      throws EditException {
    Element g = cib.byId(group);
    if (g == null || !g.getTagName().equals("group")) {
      throw new EditException("modgroup: no group " + group);
    }
    Element r = cib.byId(rsc);
    if (r == null || !cib.isResource(r)) {
      throw new EditException("modgroup: no resource " + rsc);
    }
    if (!add) {
      if (r.getParentNode() != g) {
        throw new EditException("modgroup: " + rsc + " is not in group " + group);
      }
      if (CibXml.children(g).stream().filter(cib::isResource).count() == 1) {
        throw new EditException("modgroup: " + rsc + " is the last member of " + group);
      }
      g.removeChild(r);
      cib.section("resources").appendChild(r);
      return;
    }
    if (r.getParentNode() == g) {
      throw new EditException("modgroup: " + rsc + " is already in group " + group);
    }
    if (!r.getTagName().equals("primitive")) {
      throw new EditException(
          "modgroup: a group holds primitives only; " + rsc + " is a " + r.getTagName());
    }
    Element parent = (Element) r.getParentNode();
    if (parent != g && !parent.getTagName().equals("resources")) {
      throw new EditException("modgroup: " + rsc + " is already in " + parent.getAttribute("id"));
    }
    Node before = null;
    if (ref != null) {
      Element refEl = cib.byId(ref);
      if (refEl == null || refEl.getParentNode() != g) {
        throw new EditException("modgroup: " + ref + " is not in group " + group);
      }
      before = position.equals("before") ? refEl : refEl.getNextSibling();
    }
    if (before == r) {
      return;
    }
    parent.removeChild(r);
    g.insertBefore(r, before);
  }
}
