package org.pacer.cli.configure.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Element;

/** The configuration (or a selection of it) as configure-language statements. */
final class ConfigurationText {
  private ConfigurationText() {}

  /**
   * The statements for these objects, in this order.
   *
   * @param siblingComments also print comments that stand between objects in a section (as {@code
   *     xml <section><!--...--></section>}), so that a whole configuration shown and loaded back
   *     keeps them; edit and filter leave them out, as they stay where they are
   */
  static String text(Cib cib, Set<String> retired, List<Element> objects, boolean siblingComments) {
    ObjectPrinter printer = new ObjectPrinter(cib, retired);
    // a container that has to be printed as xml carries its members with it
    List<Element> asXml = new ArrayList<>();
    for (Element e : objects) {
      if (cib.isResource(e)
          && !e.getTagName().equals("primitive")
          && !insideXml(e, asXml)
          && printer.printsAsXml(e)) {
        asXml.add(e);
      }
    }
    StringBuilder b = new StringBuilder();
    Map<org.w3c.dom.Node, Integer> left = new HashMap<>();
    for (Element e : objects) {
      if (!insideXml(e, asXml) && isSectionLevel(e)) {
        left.merge(e.getParentNode(), 1, Integer::sum);
      }
    }
    java.util.Set<org.w3c.dom.Node> sectionsStarted = new java.util.HashSet<>();
    StringBuilder trailing = new StringBuilder();
    for (Element e : objects) {
      if (insideXml(e, asXml)) {
        continue;
      }
      boolean level = siblingComments && isSectionLevel(e);
      if (level) {
        org.w3c.dom.Node sec = e.getParentNode();
        if (sectionsStarted.add(sec) && sec != cib.configuration()) {
          comments(b, sec, (Element) sec.getParentNode());
        }
        comments(b, e, (Element) sec);
      }
      b.append(printer.print(e)).append('\n');
      if (level && left.merge(e.getParentNode(), -1, Integer::sum) == 0) {
        // at the very end, so that no later object of the section claims them on load
        trailingComments(trailing, (Element) e.getParentNode());
      }
    }
    return b.append(trailing).toString();
  }

  private static boolean isSectionLevel(Element e) {
    org.w3c.dom.Node p = e.getParentNode();
    return p instanceof Element pe
        && (pe.getTagName().equals("configuration")
            || pe.getParentNode() instanceof Element g && g.getTagName().equals("configuration"));
  }

  /** Comments directly before {@code n} among its siblings, as xml statements. */
  private static void comments(StringBuilder b, org.w3c.dom.Node n, Element parent) {
    List<String> found = new ArrayList<>();
    for (org.w3c.dom.Node p = n.getPreviousSibling();
        p != null && !(p instanceof Element);
        p = p.getPreviousSibling()) {
      if (p.getNodeType() == org.w3c.dom.Node.COMMENT_NODE) {
        found.add(0, p.getNodeValue());
      }
    }
    for (String c : found) {
      b.append("xml <")
          .append(parent.getTagName())
          .append("><!--")
          .append(c)
          .append("--></")
          .append(parent.getTagName())
          .append(">\n");
    }
  }

  private static void trailingComments(StringBuilder b, Element section) {
    org.w3c.dom.Node last = section.getLastChild();
    if (last != null && !(last instanceof Element)) {
      org.w3c.dom.Node marker = section.getOwnerDocument().createElement("end");
      section.appendChild(marker);
      comments(b, marker, section);
      section.removeChild(marker);
    }
  }

  private static boolean insideXml(Element e, List<Element> asXml) {
    for (org.w3c.dom.Node n = e.getParentNode(); n != null; n = n.getParentNode()) {
      if (asXml.contains(n)) {
        return true;
      }
    }
    return false;
  }
}
