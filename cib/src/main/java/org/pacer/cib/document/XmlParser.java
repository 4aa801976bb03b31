package org.pacer.cib.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.w3c.dom.DOMImplementation;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.ext.DefaultHandler2;

/**
 * Parses XML into a DOM whose elements remember their line ({@link SourceLine}). Document type
 * declarations are refused, so no input can make the parser read files or expand entity bombs.
 * Whitespace between elements is dropped: the CIB carries no mixed content and its serialised form
 * is always re-indented ({@link CibXml}).
 */
public final class XmlParser {
  /**
   * Built once: looking factories up is far slower than parsing a small write. Only read after
   * construction.
   */
  private static final SAXParserFactory SAX = saxFactory();

  /**
   * One parser per thread, reset after each use: creating a parser costs more than parsing a
   * typical write (profiled: a third of a write's time went to building parsers). Parsers are not
   * thread safe, hence one per thread; a reset parser keeps nothing of the previous document.
   */
  private static final ThreadLocal<SAXParser> PARSERS =
      ThreadLocal.withInitial(XmlParser::newParser);

  /** Creates empty documents; the JDK's DOM implementation object is stateless. */
  private static final DOMImplementation DOM = domImplementation();

  private XmlParser() {}

  /** Parses text, naming it {@code source} in errors. */
  public static Document parse(String xml, String source) {
    return parse(xml.getBytes(StandardCharsets.UTF_8), source);
  }

  /** Parses bytes (encoding from the XML declaration, UTF-8 by default). */
  public static Document parse(byte[] xml, String source) {
    Document doc = newDocument();
    Builder builder = new Builder(doc, source);
    try {
      SAXParser parser = PARSERS.get();
      try {
        parser.setProperty("http://xml.org/sax/properties/lexical-handler", builder);
        InputSource in = new InputSource(new ByteArrayInputStream(xml));
        in.setSystemId(source);
        parser.parse(in, builder);
      } finally {
        parser.reset();
      }
    } catch (SAXParseException e) {
      throw new CibException(
          CibError.MALFORMED,
          "malformed XML in "
              + source
              + " at line "
              + e.getLineNumber()
              + ", column "
              + e.getColumnNumber()
              + ": "
              + e.getMessage());
    } catch (SAXException e) {
      throw new CibException(
          CibError.MALFORMED, "malformed XML in " + source + ": " + e.getMessage());
    } catch (IOException e) {
      throw new CibException(CibError.FAILED, "cannot parse " + source + ": " + e, e);
    }
    if (doc.getDocumentElement() == null) {
      throw new CibException(CibError.MALFORMED, "malformed XML in " + source + ": no element");
    }
    return doc;
  }

  /** An empty DOM document from the JDK's implementation. */
  public static Document newDocument() {
    return DOM.createDocument(null, null, null);
  }

  private static DOMImplementation domImplementation() {
    try {
      return DocumentBuilderFactory.newInstance().newDocumentBuilder().getDOMImplementation();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK has no DOM implementation", e);
    }
  }

  private static SAXParser newParser() {
    try {
      synchronized (SAX) {
        return SAX.newSAXParser();
      }
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("the JDK's SAX parser cannot be configured", e);
    }
  }

  private static SAXParserFactory saxFactory() {
    try {
      SAXParserFactory f = SAXParserFactory.newInstance();
      f.setNamespaceAware(false);
      f.setValidating(false);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      return f;
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("the JDK's SAX parser lacks a required feature", e);
    }
  }

  /** Builds the DOM from SAX events, stamping each element with its line. */
  private static final class Builder extends DefaultHandler2 {
    private final Document doc;
    private final String source;
    private final Deque<Node> open = new ArrayDeque<>();
    private final StringBuilder text = new StringBuilder();
    private Locator locator;

    Builder(Document doc, String source) {
      this.doc = doc;
      this.source = source;
      open.push(doc);
    }

    @Override
    public void setDocumentLocator(Locator locator) {
      this.locator = locator;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
      flushText();
      Element e = doc.createElement(qName);
      for (int i = 0; i < attributes.getLength(); i++) {
        e.setAttribute(attributes.getQName(i), attributes.getValue(i));
      }
      SourceLine.attach(e, new SourceLine(source, locator == null ? 0 : locator.getLineNumber()));
      open.peek().appendChild(e);
      open.push(e);
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
      flushText();
      open.pop();
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      text.append(ch, start, length);
    }

    @Override
    public void comment(char[] ch, int start, int length) {
      flushText();
      open.peek().appendChild(doc.createComment(new String(ch, start, length)));
    }

    private void flushText() {
      if (text.length() == 0) {
        return;
      }
      String s = text.toString();
      text.setLength(0);
      if (!s.isBlank() && open.peek() instanceof Element) {
        open.peek().appendChild(doc.createTextNode(s));
      }
    }

    @Override
    public void error(SAXParseException e) throws SAXException {
      throw e;
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXException {
      throw e;
    }
  }
}
