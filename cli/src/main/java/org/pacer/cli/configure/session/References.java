package org.pacer.cli.configure.session;

import java.util.ArrayList;
import java.util.List;
import org.pacer.cli.configure.store.CibXml;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Keeps references consistent when resources are wrapped, renamed or deleted: constraints, tags and
 * resource sets that name them.
 */
final class References {
  private static final String[] RSC_ATTRS = {"rsc", "with-rsc", "first", "then"};

  private References() {}

  /** A resource got wrapped in a new container: constraints on it now name the container. */
  static void repoint(Cib cib, String from, String to) {
    Element cons = cib.sectionIfPresent("constraints");
    if (cons == null) {
      return;
    }
    for (Element c : CibXml.children(cons)) {
      for (String a : RSC_ATTRS) {
        if (from.equals(c.getAttribute(a))) {
          c.setAttribute(a, to);
        }
      }
      for (Element ref : all(c, "resource_ref")) {
        if (from.equals(ref.getAttribute("id"))) {
          ref.setAttribute("id", to);
        }
      }
    }
  }

  /** Every reference to {@code from} now names {@code to} (rename). */
  static void rename(Cib cib, String from, String to) {
    NodeList all = cib.configuration().getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      for (String a : RSC_ATTRS) {
        if (from.equals(e.getAttribute(a)) && Cib.CONSTRAINT_TAGS.contains(e.getTagName())) {
          e.setAttribute(a, to);
        }
      }
      if (Cib.isReference(e) && from.equals(e.getAttribute("id"))) {
        e.setAttribute("id", to);
      }
      if (from.equals(e.getAttribute("id-ref"))) {
        e.setAttribute("id-ref", to);
      }
      if (e.getTagName().equals("primitive") && from.equals(e.getAttribute("template"))) {
        e.setAttribute("template", to);
      }
    }
  }

  /**
   * Resources with these ids are gone: drop what names them. A constraint left without enough
   * resources goes; a set constraint left with two resources becomes the two-resource form.
   *
   * @return ids of the constraints and tags removed as a consequence
   */
  static List<String> forget(Cib cib, java.util.Set<String> gone) {
    List<String> removed = new ArrayList<>();
    Element cons = cib.sectionIfPresent("constraints");
    if (cons != null) {
      for (Element c : CibXml.children(cons)) {
        if (!fixConstraint(c, gone)) {
          removed.add(c.getAttribute("id"));
          cons.removeChild(c);
        }
      }
    }
    Element tags = cib.sectionIfPresent("tags");
    if (tags != null) {
      for (Element t : CibXml.children(tags)) {
        for (Element ref : CibXml.children(t)) {
          if (gone.contains(ref.getAttribute("id"))) {
            t.removeChild(ref);
          }
        }
        if (CibXml.children(t).isEmpty()) {
          removed.add(t.getAttribute("id"));
          tags.removeChild(t);
        }
      }
    }
    return removed;
  }

  /** Returns false when the constraint has to go. */
  private static boolean fixConstraint(Element c, java.util.Set<String> gone) {
    String tag = c.getTagName();
    for (String a : RSC_ATTRS) {
      if (gone.contains(c.getAttribute(a))) {
        return false;
      }
    }
    List<Element> sets = new ArrayList<>();
    for (Element s : CibXml.children(c)) {
      if (s.getTagName().equals("resource_set")) {
        sets.add(s);
      }
    }
    if (sets.isEmpty()) {
      return true;
    }
    boolean changed = false;
    int total = 0;
    for (Element s : sets) {
      for (Element ref : CibXml.children(s)) {
        if (ref.getTagName().equals("resource_ref") && gone.contains(ref.getAttribute("id"))) {
          s.removeChild(ref);
          changed = true;
        }
      }
      int n = CibXml.children(s).size();
      if (n == 0) {
        c.removeChild(s);
      }
      total += n;
    }
    if (!changed) {
      return true;
    }
    boolean pair = tag.equals("rsc_colocation") || tag.equals("rsc_order");
    if (total == 0 || (pair && total < 2)) {
      return false;
    }
    if (pair && total == 2) {
      simplify(c);
    }
    return true;
  }

  /** A two-resource set constraint becomes rsc/with-rsc or first/then. */
  private static void simplify(Element c) {
    List<Element> sets = CibXml.children(c);
    // one unordered set of two stays a set; two one-member sets are a plain pair either way
    if (sets.size() == 1
        && (sets.get(0).hasAttribute("sequential") || sets.get(0).hasAttribute("require-all"))) {
      return;
    }
    boolean order = c.getTagName().equals("rsc_order");
    String roleAttr = order ? "action" : "role";
    String[] first;
    String[] second;
    if (sets.size() == 1) {
      List<Element> refs = CibXml.children(sets.get(0));
      String role = sets.get(0).getAttribute(roleAttr);
      // in one sequential colocation set each member is placed with the one before it
      int a = order ? 0 : 1;
      first = new String[] {refs.get(a).getAttribute("id"), role};
      second = new String[] {refs.get(1 - a).getAttribute("id"), role};
    } else {
      first =
          new String[] {
            CibXml.children(sets.get(0)).get(0).getAttribute("id"),
            sets.get(0).getAttribute(roleAttr)
          };
      second =
          new String[] {
            CibXml.children(sets.get(1)).get(0).getAttribute("id"),
            sets.get(1).getAttribute(roleAttr)
          };
    }
    for (Element s : sets) {
      c.removeChild(s);
    }
    String[] names =
        order
            ? new String[] {"first", "first-action", "then", "then-action"}
            : new String[] {"rsc", "rsc-role", "with-rsc", "with-rsc-role"};
    c.setAttribute(names[0], first[0]);
    if (!first[1].isEmpty()) {
      c.setAttribute(names[1], first[1]);
    }
    c.setAttribute(names[2], second[0]);
    if (!second[1].isEmpty()) {
      c.setAttribute(names[3], second[1]);
    }
  }

  private static List<Element> all(Element root, String tag) {
    List<Element> out = new ArrayList<>();
    NodeList l = root.getElementsByTagName(tag);
    for (int i = 0; i < l.getLength(); i++) {
      out.add((Element) l.item(i));
    }
    return out;
  }
}
