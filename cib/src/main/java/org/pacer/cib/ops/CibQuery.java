package org.pacer.cib.ops;

import java.util.List;
import org.pacer.cib.document.CibDocument;
import org.pacer.cib.document.CibError;
import org.pacer.cib.document.CibException;
import org.pacer.cib.document.CibPaths;
import org.pacer.cib.document.CibSection;
import org.pacer.cib.document.CibXml;
import org.pacer.cib.document.XPaths;
import org.w3c.dom.Element;

/**
 * Reads from the CIB as {@code cibadmin --query} does: the whole CIB, one section, or what an XPath
 * selects (one element as itself, several wrapped in {@code <xpath-query>}).
 *
 * @param scope a section, or null
 * @param xpath an XPath (evaluated over the whole CIB, as cibadmin does), or null
 * @param nodePath answer with the paths of the selected elements instead of their XML
 * @param noChildren answer with the selected elements only, without what is under them
 */
public record CibQuery(CibSection scope, String xpath, boolean nodePath, boolean noChildren) {

  public static CibQuery whole() {
    return new CibQuery(null, null, false, false);
  }

  public static CibQuery section(CibSection section) {
    return new CibQuery(section, null, false, false);
  }

  public static CibQuery xpath(String xpath) {
    return new CibQuery(null, xpath, false, false);
  }

  /** The selected elements; fails with {@link CibError#NO_SUCH_OBJECT} when there are none. */
  public List<Element> select(CibDocument cib) {
    if (xpath != null) {
      List<Element> found = XPaths.select(cib.root(), xpath);
      if (found.isEmpty()) {
        throw new CibException(CibError.NO_SUCH_OBJECT, "nothing matches XPath '" + xpath + "'");
      }
      return found;
    }
    if (scope != null) {
      Element section = cib.section(scope);
      if (section == null) {
        throw new CibException(
            CibError.NO_SUCH_OBJECT, "the CIB has no " + scope.tag() + " section");
      }
      return List.of(section);
    }
    return List.of(cib.root());
  }

  /** The answer as text, the way cibadmin prints it. */
  public String render(CibDocument cib) {
    List<Element> found = select(cib);
    StringBuilder sb = new StringBuilder();
    if (nodePath) {
      for (Element e : found) {
        sb.append(CibPaths.pathOf(e)).append('\n');
      }
      return sb.toString();
    }
    if (found.size() == 1) {
      return text(found.get(0));
    }
    sb.append("<xpath-query>\n");
    for (Element e : found) {
      for (String line : text(e).split("\n")) {
        sb.append("  ").append(line).append('\n');
      }
    }
    return sb.append("</xpath-query>\n").toString();
  }

  private String text(Element e) {
    if (!noChildren) {
      return CibXml.toXml(e);
    }
    Element shallow = (Element) e.cloneNode(false);
    return CibXml.toXml(shallow);
  }
}
