package org.pacer.cib.document;

import java.util.ArrayDeque;
import java.util.Deque;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Paths that name one element, in the form Pacemaker's diffs use: {@code
 * /cib/configuration/resources/primitive[@id='web']}. An element without an id is named by its
 * position among all siblings of the same name when it has such siblings (XPath's {@code tag[n]}).
 * Every path is a valid XPath that selects exactly that element.
 */
public final class CibPaths {

  private CibPaths() {}

  /** The path of an element from the document root. */
  public static String pathOf(Element element) {
    Deque<String> steps = new ArrayDeque<>();
    for (Node n = element; n instanceof Element e; n = e.getParentNode()) {
      steps.push(step(e));
    }
    return "/" + String.join("/", steps);
  }

  /** One step: {@code tag[@id='x']}, {@code tag[2]} or {@code tag}. */
  public static String step(Element e) {
    String id = e.getAttribute("id");
    if (!id.isEmpty()) {
      return e.getTagName() + "[@id=" + quote(id) + "]";
    }
    Node parent = e.getParentNode();
    if (!(parent instanceof Element)) {
      return e.getTagName();
    }
    int index = 0;
    int same = 0;
    for (Node k = parent.getFirstChild(); k != null; k = k.getNextSibling()) {
      if (k instanceof Element s && s.getTagName().equals(e.getTagName())) {
        same++;
        if (s == e) {
          index = same;
        }
      }
    }
    return same > 1 ? e.getTagName() + "[" + index + "]" : e.getTagName();
  }

  /** An XPath string literal for any value (XPath 1.0 has no escapes, hence concat). */
  public static String quote(String s) {
    if (!s.contains("'")) {
      return "'" + s + "'";
    }
    if (!s.contains("\"")) {
      return "\"" + s + "\"";
    }
    StringBuilder sb = new StringBuilder("concat(");
    String[] parts = s.split("'", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        sb.append(", \"'\", ");
      }
      sb.append('\'').append(parts[i]).append('\'');
    }
    return sb.append(')').toString();
  }

  /**
   * Finds the element for a simple absolute path of plain names ({@code /cib/configuration/nodes})
   * without an XPath engine; null when absent.
   */
  public static Element find(Element root, String simplePath) {
    String[] steps = simplePath.substring(1).split("/");
    if (!root.getTagName().equals(steps[0])) {
      return null;
    }
    Element at = root;
    for (int i = 1; i < steps.length && at != null; i++) {
      at = child(at, steps[i]);
    }
    return at;
  }

  /** The first child element with the given name, or null. */
  public static Element child(Element parent, String tag) {
    for (Node k = parent.getFirstChild(); k != null; k = k.getNextSibling()) {
      if (k instanceof Element e && e.getTagName().equals(tag)) {
        return e;
      }
    }
    return null;
  }

  /** A human name for an element in messages: {@code <primitive id="web">}. */
  public static String describe(Element e) {
    String id = e.getAttribute("id");
    return id.isEmpty() ? "<" + e.getTagName() + ">" : "<" + e.getTagName() + " id=\"" + id + "\">";
  }

  /** {@link #describe} plus the input line when known. */
  public static String describeWithLine(Element e) {
    SourceLine where = SourceLine.of(e);
    return where == null ? describe(e) : describe(e) + " (" + where + ")";
  }
}
