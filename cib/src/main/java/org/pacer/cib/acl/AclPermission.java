package org.pacer.cib.acl;

import java.util.List;
import org.pacer.cib.document.CibPaths;
import org.pacer.cib.document.XPaths;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * One {@code acl_permission}: a kind (read, write, deny) for the elements its selector picks, which
 * applies to each picked element and everything under it.
 *
 * @param id the permission's id, named in denial messages
 * @param kind what it grants or denies
 * @param xpath selector by XPath, or null
 * @param reference selector by id, or null
 * @param objectType selector by element name, or null
 * @param attribute with {@code objectType}: only elements that carry this attribute
 */
public record AclPermission(
    String id, Kind kind, String xpath, String reference, String objectType, String attribute) {

  /** Pacemaker's kinds; at equally specific matches deny beats write beats read. */
  public enum Kind {
    READ,
    WRITE,
    DENY;

    boolean canRead() {
      return this != DENY;
    }

    boolean canWrite() {
      return this == WRITE;
    }
  }

  /** The elements of {@code root}'s document this permission picks. */
  List<Element> select(Element root) {
    if (xpath != null) {
      return XPaths.select(root, xpath);
    }
    if (reference != null) {
      Element e = byId(root, reference);
      return e == null ? List.of() : List.of(e);
    }
    java.util.ArrayList<Element> out = new java.util.ArrayList<>();
    collect(root, out);
    return out;
  }

  private void collect(Element e, List<Element> out) {
    if (e.getTagName().equals(objectType) && (attribute == null || e.hasAttribute(attribute))) {
      out.add(e);
    }
    for (Node k = e.getFirstChild(); k != null; k = k.getNextSibling()) {
      if (k instanceof Element c) {
        collect(c, out);
      }
    }
  }

  private static Element byId(Element e, String id) {
    if (id.equals(e.getAttribute("id"))) {
      return e;
    }
    for (Node k = e.getFirstChild(); k != null; k = k.getNextSibling()) {
      if (k instanceof Element c) {
        Element found = byId(c, id);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** The selector as written, for messages. */
  public String selector() {
    if (xpath != null) {
      return "xpath " + xpath;
    }
    if (reference != null) {
      return "reference " + reference;
    }
    return "object-type " + objectType + (attribute == null ? "" : " with attribute " + attribute);
  }

  static AclPermission from(Element e) {
    Kind kind =
        switch (e.getAttribute("kind")) {
          case "write" -> Kind.WRITE;
          case "read" -> Kind.READ;
          default -> Kind.DENY;
        };
    return new AclPermission(
        e.getAttribute("id"),
        kind,
        attr(e, "xpath"),
        attr(e, "reference"),
        attr(e, "object-type"),
        attr(e, "attribute"));
  }

  private static String attr(Element e, String name) {
    return e.hasAttribute(name) ? e.getAttribute(name) : null;
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT)
        + " "
        + selector()
        + " ("
        + CibPaths.quote(id)
        + ")";
  }
}
