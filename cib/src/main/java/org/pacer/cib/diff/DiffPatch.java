package org.pacer.cib.diff;

import java.util.ArrayList;
import java.util.List;
import org.pacer.cib.document.CibDocument;
import org.pacer.cib.document.CibError;
import org.pacer.cib.document.CibException;
import org.pacer.cib.document.XmlParser;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Applies a {@link CibDiff} to a copy of the CIB it was computed from. The result is checked
 * against the diff's digest, so a copy that drifted is detected instead of silently patched into
 * something else; the caller then fetches the whole CIB.
 */
public final class DiffPatch {

  private DiffPatch() {}

  /**
   * The CIB after the diff.
   *
   * @throws CibException with {@link CibError#OLD_VERSION} when {@code base} is not the diff's
   *     starting version, or {@link CibError#FAILED} when a path does not resolve or the digest
   *     does not match
   */
  public static CibDocument apply(CibDocument base, CibDiff diff) {
    if (!base.version().equals(diff.from())) {
      throw new CibException(
          CibError.OLD_VERSION,
          "diff starts at " + diff.from() + " but this copy is at " + base.version());
    }
    Document doc = base.mutableCopy();
    Element root = doc.getDocumentElement();
    // Resolve every existing target before changing anything: paths name the old tree.
    List<Element> deleted = new ArrayList<>();
    List<Element> modified = new ArrayList<>();
    for (CibDiff.Change c : diff.changes()) {
      if (c instanceof CibDiff.Deleted d) {
        deleted.add(resolve(root, d.path()));
      } else if (c instanceof CibDiff.Modified m) {
        modified.add(resolve(root, m.path()));
      } else {
        modified.add(null);
      }
    }
    for (Element e : deleted) {
      e.getParentNode().removeChild(e);
    }
    int i = 0;
    for (CibDiff.Change c : diff.changes()) {
      if (c instanceof CibDiff.Modified m) {
        Element e = modified.get(i);
        m.set().forEach(e::setAttribute);
        m.removed().forEach(e::removeAttribute);
      }
      if (!(c instanceof CibDiff.Deleted)) {
        i++;
      }
    }
    for (CibDiff.Change c : diff.changes()) {
      if (c instanceof CibDiff.Created cr) {
        String parentPath = cr.path().substring(0, lastStep(cr.path()));
        Element parent = resolve(root, parentPath);
        Element fresh = XmlParser.parse(cr.xml(), "diff").getDocumentElement();
        Node imported = doc.importNode(fresh, true);
        Node before = elementChild(parent, cr.position());
        parent.insertBefore(imported, before);
      }
    }
    CibDocument result = CibDocument.adopt(doc);
    if (!result.digest().equals(diff.digest())) {
      throw new CibException(
          CibError.FAILED,
          "applying the diff " + diff.from() + " -> " + diff.to() + " gave a different CIB");
    }
    return result;
  }

  /** Index of the '/' that starts the last step, ignoring slashes inside quoted ids. */
  static int lastStep(String path) {
    char quote = 0;
    int last = -1;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '/') {
        last = i;
      }
    }
    return last;
  }

  private static Node elementChild(Element parent, int position) {
    int n = 0;
    for (Node k = parent.getFirstChild(); k != null; k = k.getNextSibling()) {
      if (k instanceof Element) {
        if (n == position) {
          return k;
        }
        n++;
      }
    }
    return null;
  }

  /** Follows a path written by {@link org.pacer.cib.document.CibPaths#pathOf}. */
  static Element resolve(Element root, String path) {
    List<String> steps = new ArrayList<>();
    int start = 1;
    while (start <= path.length()) {
      String rest = path.substring(start);
      int end = rest.isEmpty() ? 0 : nextSlash(rest);
      steps.add(rest.substring(0, end));
      start += end + 1;
      if (end == rest.length()) {
        break;
      }
    }
    Element at = null;
    for (String step : steps) {
      at = at == null ? (matches(root, step) ? root : null) : childFor(at, step);
      if (at == null) {
        throw new CibException(CibError.FAILED, "diff path " + path + " does not resolve");
      }
    }
    return at;
  }

  /** Index of the first '/' outside quotes, or the length when there is none. */
  private static int nextSlash(String s) {
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '/') {
        return i;
      }
    }
    return s.length();
  }

  private static boolean matches(Element e, String step) {
    return e.getTagName().equals(tagOf(step));
  }

  private static String tagOf(String step) {
    int b = step.indexOf('[');
    return b < 0 ? step : step.substring(0, b);
  }

  private static Element childFor(Element parent, String step) {
    String tag = tagOf(step);
    String id = null;
    int index = 1;
    if (step.startsWith("[@id=", tag.length())) {
      id = unquote(step.substring(tag.length() + 5, step.length() - 1));
    } else if (step.length() > tag.length()) {
      index = Integer.parseInt(step.substring(tag.length() + 1, step.length() - 1));
    }
    int seen = 0;
    for (Node k = parent.getFirstChild(); k != null; k = k.getNextSibling()) {
      if (k instanceof Element e && e.getTagName().equals(tag)) {
        if (id != null) {
          if (id.equals(e.getAttribute("id"))) {
            return e;
          }
        } else if (++seen == index) {
          return e;
        }
      }
    }
    return null;
  }

  /** Reverses {@link org.pacer.cib.document.CibPaths#quote}. */
  static String unquote(String literal) {
    if (literal.startsWith("concat(")) {
      StringBuilder sb = new StringBuilder();
      String body = literal.substring(7, literal.length() - 1);
      int i = 0;
      while (i < body.length()) {
        char q = body.charAt(i);
        if (q == '\'' || q == '"') {
          int end = body.indexOf(q, i + 1);
          sb.append(body, i + 1, end);
          i = end + 1;
        } else {
          i++;
        }
      }
      return sb.toString();
    }
    return literal.substring(1, literal.length() - 1);
  }
}
