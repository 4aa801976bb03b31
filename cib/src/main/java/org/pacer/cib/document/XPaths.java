package org.pacer.cib.document;

import java.util.ArrayList;
import java.util.List;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpression;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** XPath 1.0 over the CIB with errors that quote the expression. */
public final class XPaths {
  /** Looked up once (the lookup dominates evaluating a short expression); used under its lock. */
  private static final XPathFactory FACTORY = XPathFactory.newInstance();

  private XPaths() {}

  /** Compiles an expression, or fails with {@link CibError#BAD_XPATH} naming it. */
  public static XPathExpression compile(String xpath) {
    if (xpath == null || xpath.isBlank()) {
      throw new CibException(CibError.BAD_XPATH, "the XPath is empty");
    }
    try {
      javax.xml.xpath.XPath x;
      synchronized (FACTORY) {
        x = FACTORY.newXPath();
      }
      return x.compile(xpath);
    } catch (XPathExpressionException e) {
      String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
      throw new CibException(
          CibError.BAD_XPATH,
          "XPath '" + xpath + "' does not parse" + (why == null ? "" : ": " + why));
    }
  }

  /**
   * The elements an expression selects, in document order. An attribute selects its element, as
   * {@code //primitive/@id} then means "primitives with an id".
   */
  public static List<Element> select(Node context, String xpath) {
    XPathExpression expr = compile(xpath);
    NodeList nodes;
    try {
      nodes = (NodeList) expr.evaluate(context, XPathConstants.NODESET);
    } catch (XPathExpressionException e) {
      throw new CibException(
          CibError.BAD_XPATH, "XPath '" + xpath + "' does not select elements: " + rootMessage(e));
    }
    List<Element> out = new ArrayList<>(nodes.getLength());
    java.util.Set<Element> seen =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (int i = 0; i < nodes.getLength(); i++) {
      Node n = nodes.item(i);
      Element e = n instanceof Element el ? el : n instanceof Attr a ? a.getOwnerElement() : null;
      if (e != null && seen.add(e)) {
        out.add(e);
      }
    }
    return out;
  }

  private static String rootMessage(Throwable t) {
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
