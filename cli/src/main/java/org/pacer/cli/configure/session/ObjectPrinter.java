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
    String text = renderer.render(e, cib.nodeNames());
    if (text == null || !onlyLeadingComments(e) || !readsBack(e, text)) {
      return "xml " + xml(e);
    }
    return commentLines(e) + text;
  }

  /** The xml form; defaults sets carry their section, as the set alone would not say which. */
  static String xml(Element e) {
    // as crmsh shows it: indented, one element a line, " \" at the end of all but the last;
    // on one line when comments inside would not survive the continuation marks
    String x =
        hasComments(e)
            ? CibXml.printCompact(e)
            : String.join(" \\\n", CibXml.print(e).strip().split("\n"));
    String parent = ((Element) e.getParentNode()).getTagName();
    if (e.getTagName().equals("meta_attributes")
        && (parent.equals("rsc_defaults") || parent.equals("op_defaults"))) {
      return "<" + parent + ">" + x + "</" + parent + ">";
    }
    return x;
  }

  /** The language keeps comments only as lines before a statement: first children, top level. */
  private static boolean onlyLeadingComments(Element e) {
    boolean leading = true;
    for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c.getNodeType() == Node.COMMENT_NODE) {
        if (!leading) {
          return false;
        }
      } else if (c instanceof Element x) {
        leading = false;
        if (!Cib.RESOURCE_TAGS.contains(x.getTagName()) && hasComments(x)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean hasComments(Element e) {
    for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c.getNodeType() == Node.COMMENT_NODE || (c instanceof Element x && hasComments(x))) {
        return true;
      }
    }
    return false;
  }

  /** Whether an object printed as xml carries its member resources with it. */
  boolean printsAsXml(Element e) {
    String text = renderer.render(e, cib.nodeNames());
    return text == null || !onlyLeadingComments(e) || !readsBack(e, text);
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
      Element back = new CibEditor(cib, retired).rebuild(d.definition(), e);
      // members are appended after the container's own sets when it is defined
      for (Element m : CibXml.children(e)) {
        if (Cib.RESOURCE_TAGS.contains(m.getTagName())) {
          back.appendChild(back.getOwnerDocument().createElement(m.getTagName()));
        }
      }
      return withMembers(e).equals(withMembers(back));
    } catch (ParseException | EditException | RuntimeException ex) {
      return false;
    }
  }

  /**
   * What Pacemaker reads from an element: its attributes, and its children in order among those of
   * the same name. The order of differently named siblings (a clone's meta_attributes before or
   * after its primitive, operations before or after the sets) means nothing to it, and the language
   * cannot say it, so it is not compared. Member resources count by name only; they are objects of
   * their own.
   */
  static Object withMembers(Element e) {
    Map<String, List<Object>> kids = new java.util.TreeMap<>();
    for (Element c : CibXml.children(e)) {
      Object k = Cib.RESOURCE_TAGS.contains(c.getTagName()) ? "member" : withMembers(c);
      kids.computeIfAbsent(c.getTagName(), t -> new ArrayList<>()).add(k);
    }
    String text = CibXml.children(e).isEmpty() ? e.getTextContent().strip() : "";
    return List.of(e.getTagName(), attributes(e), kids, text);
  }

  private static Map<String, String> attributes(Element e) {
    Map<String, String> attrs = new HashMap<>();
    for (int i = 0; i < e.getAttributes().getLength(); i++) {
      Attr a = (Attr) e.getAttributes().item(i);
      attrs.put(a.getName(), a.getValue());
    }
    return attrs;
  }

  /** Tag, attributes and element children (not member resources, not comments). */
  static Object canonical(Element e) {
    List<Object> kids = new ArrayList<>();
    for (Element c : CibXml.children(e)) {
      if (!Cib.RESOURCE_TAGS.contains(c.getTagName()) || e.getTagName().equals("resources")) {
        kids.add(canonical(c));
      }
    }
    String text = e.getTextContent();
    return List.of(
        e.getTagName(), attributes(e), kids, CibXml.children(e).isEmpty() ? text.strip() : "");
  }
}
