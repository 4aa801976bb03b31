package org.pacer.cib.document;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.UserDataHandler;

/**
 * Where an element came from (an input's name and line), kept on DOM elements so that an error
 * found after the element was merged into the CIB can still point at the line the user wrote.
 *
 * @param source a name for the input, e.g. {@code --xml-text} or {@code cib.xml}
 * @param line the 1-based line of the element's start tag
 */
public record SourceLine(String source, int line) {
  static final String KEY = "org.pacer.cib.line";

  private static final String KEEP = "org.pacer.cib.keep-lines";

  /**
   * Copies the location along when DOM clones the element, or imports it into a document that asked
   * for lines ({@link #keepOnImport}). Copies of a whole CIB do not: the lines of elements written
   * long ago help nobody, and copying them would cost every write a pass over the CIB.
   */
  private static final UserDataHandler COPY =
      (operation, key, data, src, dst) -> {
        if (dst == null) {
          return;
        }
        boolean keep =
            operation == UserDataHandler.NODE_CLONED
                || (operation == UserDataHandler.NODE_IMPORTED
                    && dst.getOwnerDocument() != null
                    && dst.getOwnerDocument().getUserData(KEEP) != null);
        if (keep) {
          dst.setUserData(key, data, SourceLine.copier());
        }
      };

  /** Makes imports into {@code doc} keep the lines of what they import (a request's XML). */
  public static void keepOnImport(org.w3c.dom.Document doc) {
    doc.setUserData(KEEP, Boolean.TRUE, null);
  }

  static UserDataHandler copier() {
    return COPY;
  }

  static void attach(Node node, SourceLine where) {
    node.setUserData(KEY, where, COPY);
  }

  /** The location recorded for this element, or null for elements built in code. */
  public static SourceLine of(Element element) {
    return (SourceLine) element.getUserData(KEY);
  }

  @Override
  public String toString() {
    return "line " + line + " of " + source;
  }
}
