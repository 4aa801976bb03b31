package org.pacer.cib.ops;

import java.util.Map;
import org.pacer.cib.diff.XmlDiff;
import org.pacer.cib.document.CibError;
import org.pacer.cib.document.CibException;
import org.pacer.cib.document.CibPaths;
import org.pacer.cib.document.CibSection;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/** The DOM edits behind each write: finding the element a piece of XML means, and merging. */
final class CibEdits {

  /** Where a create without a scope puts each kind of element. */
  private static final Map<String, CibSection> HOME =
      Map.ofEntries(
          Map.entry("primitive", CibSection.RESOURCES),
          Map.entry("group", CibSection.RESOURCES),
          Map.entry("clone", CibSection.RESOURCES),
          Map.entry("master", CibSection.RESOURCES),
          Map.entry("bundle", CibSection.RESOURCES),
          Map.entry("template", CibSection.RESOURCES),
          Map.entry("rsc_location", CibSection.CONSTRAINTS),
          Map.entry("rsc_colocation", CibSection.CONSTRAINTS),
          Map.entry("rsc_order", CibSection.CONSTRAINTS),
          Map.entry("rsc_ticket", CibSection.CONSTRAINTS),
          Map.entry("node", CibSection.NODES),
          Map.entry("cluster_property_set", CibSection.CRM_CONFIG),
          Map.entry("fencing-level", CibSection.FENCING_TOPOLOGY),
          Map.entry("tag", CibSection.TAGS),
          Map.entry("acl_target", CibSection.ACLS),
          Map.entry("acl_group", CibSection.ACLS),
          Map.entry("acl_role", CibSection.ACLS),
          Map.entry("alert", CibSection.ALERTS),
          Map.entry("node_state", CibSection.STATUS));

  private CibEdits() {}

  /** The section an element belongs in, for a create that names none. */
  static CibSection homeOf(Element e) {
    CibSection s = HOME.get(e.getTagName());
    if (s == null) {
      s = CibSection.byTag(e.getTagName()).orElse(null);
      if (s != null && s.isConfigurationChild()) {
        return CibSection.CONFIGURATION;
      }
      throw new CibException(
          CibError.USAGE,
          "cannot tell which section <"
              + e.getTagName()
              + "> belongs in; name it with --scope ("
              + CibSection.names()
              + ")");
    }
    return s;
  }

  /** The section's element, created in Pacemaker's order when the CIB does not have it yet. */
  static Element ensureSection(Document doc, CibSection section) {
    Element root = doc.getDocumentElement();
    if (section == CibSection.STATUS || section == CibSection.CONFIGURATION) {
      Element e = CibPaths.child(root, section.tag());
      if (e == null) {
        e = doc.createElement(section.tag());
        XmlDiff.markTouched(root);
        if (section == CibSection.CONFIGURATION) {
          root.insertBefore(e, root.getFirstChild());
        } else {
          root.appendChild(e);
        }
      }
      return e;
    }
    Element configuration = ensureSection(doc, CibSection.CONFIGURATION);
    Element existing = CibPaths.child(configuration, section.tag());
    if (existing != null) {
      return existing;
    }
    Element e = doc.createElement(section.tag());
    XmlDiff.markTouched(configuration);
    Node before = null;
    boolean after = false;
    for (CibSection s : CibSection.configurationChildren()) {
      if (s == section) {
        after = true;
      } else if (after && before == null) {
        before = CibPaths.child(configuration, s.tag());
      }
    }
    configuration.insertBefore(e, before);
    return e;
  }

  /**
   * The element {@code like} refers to: {@code within} itself when it has the same name (and id, if
   * {@code like} has one), else the first descendant with the same name and id.
   */
  static Element findMatch(Element within, Element like) {
    if (sameThing(within, like)) {
      return within;
    }
    for (Node k = within.getFirstChild(); k != null; k = k.getNextSibling()) {
      if (k instanceof Element e) {
        Element found = findMatch(e, like);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  static boolean sameThing(Element a, Element like) {
    if (!a.getTagName().equals(like.getTagName())) {
      return false;
    }
    String id = like.getAttribute("id");
    return id.isEmpty() || id.equals(a.getAttribute("id"));
  }

  /** A direct child with the same name and id (or the first of that name, for id-less ones). */
  static Element matchingChild(Element parent, Element like) {
    for (Node k = parent.getFirstChild(); k != null; k = k.getNextSibling()) {
      if (k instanceof Element e && sameThing(e, like)) {
        return e;
      }
    }
    return null;
  }

  /**
   * Merges {@code src} into {@code dst}: attributes are set, each child merged into its match or
   * appended. Nothing is removed. {@code attr="attr++"} and {@code attr="attr+=N"} add to the
   * current whole-number value, as Pacemaker's modify allows.
   */
  static void merge(Element dst, Element src) {
    NamedNodeMap attrs = src.getAttributes();
    for (int i = 0; i < attrs.getLength(); i++) {
      Attr a = (Attr) attrs.item(i);
      dst.setAttribute(a.getName(), expand(dst, a.getName(), a.getValue()));
    }
    for (Node k = src.getFirstChild(); k != null; k = k.getNextSibling()) {
      if (k instanceof Element c) {
        Element match = matchingChild(dst, c);
        if (match != null) {
          merge(match, c);
        } else {
          dst.appendChild(dst.getOwnerDocument().importNode(c, true));
        }
      }
    }
  }

  static String expand(Element dst, String name, String value) {
    String increment = null;
    if (value.equals(name + "++")) {
      increment = "1";
    } else if (value.startsWith(name + "+=")) {
      increment = value.substring(name.length() + 2);
    }
    if (increment == null) {
      return value;
    }
    try {
      long current = dst.hasAttribute(name) ? Long.parseLong(dst.getAttribute(name)) : 0;
      return Long.toString(current + Long.parseLong(increment.trim()));
    } catch (NumberFormatException e) {
      throw new CibException(
          CibError.SCHEMA,
          CibPaths.describe(dst)
              + ": cannot add '"
              + increment
              + "' to '"
              + dst.getAttribute(name)
              + "' (attribute '"
              + name
              + "'): not whole numbers");
    }
  }

  /** True when every attribute of {@code like} has the same value on {@code e}. */
  static boolean attributesMatch(Element e, Element like) {
    NamedNodeMap attrs = like.getAttributes();
    for (int i = 0; i < attrs.getLength(); i++) {
      Attr a = (Attr) attrs.item(i);
      if (!a.getValue().equals(e.getAttribute(a.getName()))) {
        return false;
      }
    }
    return true;
  }
}
