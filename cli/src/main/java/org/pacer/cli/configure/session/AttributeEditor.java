package org.pacer.cli.configure.session;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.pacer.cli.configure.render.IdAllocator;
import org.pacer.cli.configure.store.CibXml;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Single attributes of resources and nodes, set the way crm_resource and crm_attribute do: an
 * existing pair is changed in place, else the first set of the kind gets it, else a new set is
 * made. Ids removed during one command are not handed out again in it.
 */
final class AttributeEditor {
  private final Cib cib;
  private final Set<String> retired = new HashSet<>();

  AttributeEditor(Cib cib) {
    this.cib = cib;
  }

  /** The pair named {@code name} in sets {@code setTag} of {@code owner}, or null. */
  static Element find(Element owner, String setTag, String name) {
    for (Element set : CibXml.children(owner)) {
      if (set.getTagName().equals(setTag)) {
        for (Element n : CibXml.children(set)) {
          if (n.getTagName().equals("nvpair") && n.getAttribute("name").equals(name)) {
            return n;
          }
        }
      }
    }
    return null;
  }

  /**
   * Sets an attribute.
   *
   * @param newSetId the id of a set made for it (derived from it when null)
   */
  void set(Element owner, String setTag, String name, String value, String newSetId) {
    Element n = find(owner, setTag, name);
    if (n != null) {
      n.setAttribute("value", value);
      return;
    }
    IdAllocator ids = new IdAllocator(cib.doc(), retired);
    Element set = CibXml.child(owner, setTag);
    if (set == null || set.hasAttribute("id-ref")) {
      set = cib.doc().createElement(setTag);
      set.setAttribute(
          "id", ids.make(newSetId != null ? newSetId : owner.getAttribute("id") + "-" + setTag));
      Node first = firstResourceChild(owner);
      owner.insertBefore(set, first);
    }
    Element pair = cib.doc().createElement("nvpair");
    pair.setAttribute("id", ids.make(set.getAttribute("id") + "-" + name));
    pair.setAttribute("name", name);
    pair.setAttribute("value", value);
    set.appendChild(pair);
  }

  private Node firstResourceChild(Element owner) {
    for (Element c : CibXml.children(owner)) {
      if (cib.isResource(c) || c.getTagName().equals("operations")) {
        return c;
      }
    }
    return null;
  }

  /** Removes every pair with that name; returns whether one was there. */
  boolean remove(Element owner, String setTag, String name, boolean dropEmptySet) {
    boolean any = false;
    for (Element set : CibXml.children(owner)) {
      if (!set.getTagName().equals(setTag)) {
        continue;
      }
      for (Element n : CibXml.children(set)) {
        if (n.getTagName().equals("nvpair") && n.getAttribute("name").equals(name)) {
          retired.add(n.getAttribute("id"));
          set.removeChild(n);
          any = true;
        }
      }
      if (dropEmptySet && CibXml.children(set).isEmpty() && !set.hasAttribute("id-ref")) {
        retired.add(set.getAttribute("id"));
        owner.removeChild(set);
      }
    }
    return any;
  }

  /** Removes a meta attribute from every resource below {@code top}. */
  List<String> removeBelow(Element top, String name) {
    List<String> from = new ArrayList<>();
    for (Element c : CibXml.children(top)) {
      if (cib.isResource(c)) {
        if (remove(c, "meta_attributes", name, true)) {
          from.add(c.getAttribute("id"));
        }
        from.addAll(removeBelow(c, name));
      }
    }
    return from;
  }

  /**
   * crmsh rewrites the whole object when it changes a resource through its object model; empty
   * attribute sets do not survive that.
   */
  void dropEmptySets(Element object) {
    for (Element c : CibXml.children(object)) {
      String t = c.getTagName();
      if ((t.equals("instance_attributes")
              || t.equals("meta_attributes")
              || t.equals("utilization"))
          && CibXml.children(c).isEmpty()
          && !c.hasAttribute("id-ref")) {
        object.removeChild(c);
      } else if (cib.isResource(c)) {
        dropEmptySets(c);
      }
    }
  }
}
