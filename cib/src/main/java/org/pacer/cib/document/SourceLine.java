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

  /** Copies the location along when DOM clones or imports the element. */
  private static final UserDataHandler COPY =
      (operation, key, data, src, dst) -> {
        if (dst != null
            && (operation == UserDataHandler.NODE_CLONED
                || operation == UserDataHandler.NODE_IMPORTED
                || operation == UserDataHandler.NODE_ADOPTED)) {
          dst.setUserData(key, data, SourceLine.copier());
        }
      };

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
