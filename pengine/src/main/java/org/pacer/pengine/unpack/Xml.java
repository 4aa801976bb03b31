package org.pacer.pengine.unpack;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** DOM helpers: safe parsing (no external entities), child iteration, id index. */
final class Xml {
  private Xml() {}

  static Document parse(String text) throws CibException {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setExpandEntityReferences(false);
      f.setNamespaceAware(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      return b.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    } catch (SAXException e) {
      throw new CibException("CIB is not well-formed XML: " + e.getMessage());
    } catch (IOException | ParserConfigurationException e) {
      throw new CibException("cannot read CIB: " + e.getMessage());
    }
  }

  static List<Element> children(Element e) {
    List<Element> out = new ArrayList<>();
    if (e == null) {
      return out;
    }
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c) {
        out.add(c);
      }
    }
    return out;
  }

  static List<Element> children(Element e, String tag) {
    List<Element> out = new ArrayList<>();
    if (e == null) {
      return out;
    }
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c && c.getTagName().equals(tag)) {
        out.add(c);
      }
    }
    return out;
  }

  static Element child(Element e, String tag) {
    if (e == null) {
      return null;
    }
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c && c.getTagName().equals(tag)) {
        return c;
      }
    }
    return null;
  }

  /** The attribute's value, or null when absent (DOM returns "" for absent). */
  static String attr(Element e, String name) {
    // One lookup instead of hasAttribute + getAttribute: this is the parser's innermost call.
    org.w3c.dom.Attr a = e.getAttributeNode(name);
    return a == null ? null : a.getValue();
  }

  /** Every element carrying an id, for id-ref resolution. */
  static Map<String, Element> indexIds(Element root) {
    Map<String, Element> ids = new HashMap<>();
    index(root, ids);
    return ids;
  }

  private static void index(Element e, Map<String, Element> ids) {
    if (e.hasAttribute("id") && !e.hasAttribute("id-ref")) {
      ids.putIfAbsent(e.getAttribute("id"), e);
    }
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c && !c.getTagName().equals("status")) {
        index(c, ids);
      }
    }
  }

  static Map<String, Element> emptyIndex() {
    return new HashMap<>();
  }
}
