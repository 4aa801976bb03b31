package org.pacer.cli.configure.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pacer.cli.configure.model.Command;
import org.pacer.cli.configure.parse.ConfigureParser;
import org.pacer.cli.configure.parse.Lexer;
import org.pacer.cli.configure.parse.ParseException;
import org.pacer.cli.configure.parse.Statement;
import org.pacer.cli.configure.render.CrmshRenderer;
import org.pacer.cli.configure.store.CibXml;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Prints an object in the configure language, and checks that the text reads back as the same XML;
 * when it would not (ids the language cannot carry, constructs it has no words for), prints {@code
 * xml <...>} instead, so that {@code show} followed by {@code load replace} loses nothing.
 */
final class ObjectPrinter {
  private final Cib cib;
  private final java.util.Set<String> retired;
  private final CrmshRenderer renderer = new CrmshRenderer();

  ObjectPrinter(Cib cib, java.util.Set<String> retired) {
    this.cib = cib;
    this.retired = retired;
  }

  /** The statement (with its comments) for an object. */
  String print(Element e) {
    String comments = commentLines(e);
    String text = renderer.render(e, cib.nodeNames());
    if (text == null || !readsBack(e, text)) {
      return comments + "xml " + CibXml.printCompact(withoutComments(e));
    }
    return comments + text;
  }

  /** Whether an object printed as xml carries its member resources with it. */
  boolean printsAsXml(Element e) {
    String text = renderer.render(e, cib.nodeNames());
    return text == null || !readsBack(e, text);
  }

  private static String commentLines(Element e) {
    StringBuilder b = new StringBuilder();
    for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c.getNodeType() == Node.COMMENT_NODE) {
        for (String l : c.getNodeValue().strip().split("\n")) {
          b.append(l.startsWith("#") ? l : "# " + l).append('\n');
        }
      }
    }
    return b.toString();
  }

  private static Element withoutComments(Element e) {
    Element copy = (Element) e.cloneNode(true);
    for (Node c = copy.getFirstChild(); c != null; ) {
      Node next = c.getNextSibling();
      if (c.getNodeType() == Node.COMMENT_NODE) {
        copy.removeChild(c);
      }
      c = next;
    }
    return copy;
  }

  private boolean readsBack(Element e, String text) {
    try {
      List<Statement> st = Lexer.split(text);
      if (st.size() != 1) {
        return false;
      }
      Command c = ConfigureParser.parse(st.get(0));
      if (!(c instanceof Command.Define d)) {
        return false;
      }
      Element back =
          new CibEditor(cib, new java.util.HashSet<>(retired)).rebuild(d.definition(), e);
      return canonical(e).equals(canonical(back));
    } catch (ParseException | EditException | RuntimeException ex) {
      return false;
    }
  }

  /** Tag, attributes and element children (not member resources, not comments). */
  static Object canonical(Element e) {
    Map<String, String> attrs = new HashMap<>();
    for (int i = 0; i < e.getAttributes().getLength(); i++) {
      Attr a = (Attr) e.getAttributes().item(i);
      attrs.put(a.getName(), a.getValue());
    }
    List<Object> kids = new ArrayList<>();
    for (Element c : CibXml.children(e)) {
      if (!Cib.RESOURCE_TAGS.contains(c.getTagName()) || e.getTagName().equals("resources")) {
        kids.add(canonical(c));
      }
    }
    String text = e.getTextContent();
    return List.of(e.getTagName(), attrs, kids, CibXml.children(e).isEmpty() ? text.strip() : "");
  }
}
