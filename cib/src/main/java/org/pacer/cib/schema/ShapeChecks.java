package org.pacer.cib.schema;

import java.util.List;
import org.w3c.dom.Element;

/**
 * The rules that relate an element's attributes and children to each other, which Pacemaker's
 * schema expresses as choices (either this attribute or those children, exactly one of these).
 */
final class ShapeChecks {
  private ShapeChecks() {}

  static boolean hasChild(Element e, String tag) {
    for (org.w3c.dom.Node k = e.getFirstChild(); k != null; k = k.getNextSibling()) {
      if (k instanceof Element c && c.getTagName().equals(tag)) {
        return true;
      }
    }
    return false;
  }

  static void idOrIdRef(Element e, Problems p) {
    if (e.hasAttribute("id") == e.hasAttribute("id-ref")) {
      p.error(e, "exactly one of 'id' or 'id-ref' is required");
    }
  }

  static void exactlyOne(Element e, Problems p, String... tags) {
    int n = 0;
    for (org.w3c.dom.Node k = e.getFirstChild(); k != null; k = k.getNextSibling()) {
      if (k instanceof Element c && List.of(tags).contains(c.getTagName())) {
        n++;
      }
    }
    if (n != 1) {
      p.error(e, "must contain exactly one of <" + String.join(">, <", tags) + ">, found " + n);
    }
  }

  static void pairOrSets(Element e, Problems p, String a, String b) {
    boolean sets = hasChild(e, "resource_set");
    boolean pair = e.hasAttribute(a) || e.hasAttribute(b);
    if (sets && pair) {
      p.error(e, "takes either '" + a + "'/'" + b + "' or <resource_set> children, not both");
    } else if (!sets && !(e.hasAttribute(a) && e.hasAttribute(b))) {
      p.error(e, "attributes '" + a + "' and '" + b + "' are required (or <resource_set>s)");
    }
  }

  static void locationShape(Element e, Problems p) {
    int targets =
        (e.hasAttribute("rsc") ? 1 : 0)
            + (e.hasAttribute("rsc-pattern") ? 1 : 0)
            + (hasChild(e, "resource_set") ? 1 : 0);
    if (targets != 1) {
      p.error(e, "needs exactly one of 'rsc', 'rsc-pattern' or <resource_set> children");
    }
    boolean rules = hasChild(e, "rule");
    boolean node = e.hasAttribute("node");
    if (rules == node) {
      p.error(e, "needs either 'node' with 'score', or <rule> children");
    } else if (node && !e.hasAttribute("score")) {
      p.error(e, "attribute 'score' is required with 'node'");
    }
  }

  static void fencingTarget(Element e, Problems p) {
    int n =
        (e.hasAttribute("target") ? 1 : 0)
            + (e.hasAttribute("target-pattern") ? 1 : 0)
            + (e.hasAttribute("target-attribute") ? 1 : 0);
    if (n != 1) {
      p.error(e, "needs exactly one of 'target', 'target-pattern' or 'target-attribute'");
    } else if (e.hasAttribute("target-attribute") != e.hasAttribute("target-value")) {
      p.error(e, "'target-attribute' and 'target-value' go together");
    }
  }

  static void permissionTarget(Element e, Problems p) {
    int n =
        (e.hasAttribute("xpath") ? 1 : 0)
            + (e.hasAttribute("reference") ? 1 : 0)
            + (e.hasAttribute("object-type") ? 1 : 0);
    if (n != 1) {
      p.error(e, "needs exactly one of 'xpath', 'reference' or 'object-type'");
    } else if (e.hasAttribute("attribute") && !e.hasAttribute("object-type")) {
      p.error(e, "'attribute' may only be used with 'object-type'");
    }
  }
}
