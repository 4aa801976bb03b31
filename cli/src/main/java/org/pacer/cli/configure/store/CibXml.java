package org.pacer.cli.configure.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** Parsing and printing CIB XML with the JDK's DOM, external entities off. */
public final class CibXml {
  private CibXml() {}

  public static Document parse(String xml) throws CibStoreException {
    try {
      DocumentBuilder b = factory().newDocumentBuilder();
      b.setErrorHandler(null);
      Document d = b.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      stripBlankText(d.getDocumentElement());
      return d;
    } catch (SAXException | IOException | ParserConfigurationException e) {
      throw new CibStoreException("not well-formed XML: " + e.getMessage(), e);
    }
  }

  /**
   * Agent meta-data starts with {@code <!DOCTYPE resource-agent SYSTEM "ra-api-1.dtd">}: the
   * declaration is accepted, but no DTD or external entity is ever read.
   */
  public static Document parseWithDoctype(String xml) throws CibStoreException {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      return b.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    } catch (SAXException | IOException | ParserConfigurationException e) {
      throw new CibStoreException("not well-formed XML: " + e.getMessage(), e);
    }
  }

  /** A fresh CIB as {@code cibadmin --empty} writes it. */
  public static Document empty() {
    try {
      return parse(
          "<cib crm_feature_set=\"3.16.1\" validate-with=\"pacemaker-3.9\" epoch=\"1\""
              + " num_updates=\"0\" admin_epoch=\"0\"><configuration><crm_config/><nodes/>"
              + "<resources/><constraints/></configuration><status/></cib>");
    } catch (CibStoreException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Document newDocument() {
    try {
      return factory().newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static DocumentBuilderFactory factory() throws ParserConfigurationException {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setExpandEntityReferences(false);
    f.setNamespaceAware(false);
    return f;
  }

  /** Whitespace between elements is layout, not content; dropping it lets us re-indent. */
  static void stripBlankText(Node n) {
    Node c = n.getFirstChild();
    while (c != null) {
      Node next = c.getNextSibling();
      if (c.getNodeType() == Node.TEXT_NODE && c.getNodeValue().isBlank()) {
        n.removeChild(c);
      } else if (c.getNodeType() == Node.ELEMENT_NODE) {
        stripBlankText(c);
      }
      c = next;
    }
  }

  /** Indented XML of a node, without an XML declaration. */
  public static String print(Node n) {
    try {
      Transformer t = TransformerFactory.newInstance().newTransformer();
      t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      t.setOutputProperty(OutputKeys.INDENT, "yes");
      t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
      StringWriter w = new StringWriter();
      t.transform(new DOMSource(n), new StreamResult(w));
      return w.toString().replaceAll("(?m)^[ \t]*\r?\n", "");
    } catch (TransformerException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The first child element named {@code tag}, or null. */
  public static Element child(Element parent, String tag) {
    for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c instanceof Element e && e.getTagName().equals(tag)) {
        return e;
      }
    }
    return null;
  }

  /** Child elements, in order. */
  public static java.util.List<Element> children(Element parent) {
    java.util.List<Element> out = new java.util.ArrayList<>();
    for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c instanceof Element e) {
        out.add(e);
      }
    }
    return out;
  }

  /** XML of a node on one line, no declaration, no indentation. */
  public static String printCompact(Node n) {
    try {
      Transformer t = TransformerFactory.newInstance().newTransformer();
      t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      t.setOutputProperty(OutputKeys.INDENT, "no");
      StringWriter w = new StringWriter();
      t.transform(new DOMSource(n), new StreamResult(w));
      return w.toString();
    } catch (TransformerException e) {
      throw new IllegalStateException(e);
    }
  }
}
