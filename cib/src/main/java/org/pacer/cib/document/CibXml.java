package org.pacer.cib.document;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The one way Pacer writes CIB XML: two-space indentation, {@code id} first and the other
 * attributes in name order, double quotes, no XML declaration. Because the form depends only on the
 * tree, two copies of the same CIB serialise to the same bytes, so comparing digests compares CIBs.
 */
public final class CibXml {

  private CibXml() {}

  /** The canonical text of an element and everything under it, ending with a newline. */
  public static String toXml(Element element) {
    StringBuilder sb = new StringBuilder(4096);
    write(element, 0, sb);
    return sb.toString();
  }

  /**
   * The canonical text of a whole CIB with its status section written empty, as it is stored on
   * disk; no copy of the document is made.
   */
  public static byte[] toBytesWithoutStatus(Element cib) {
    StringBuilder sb = new StringBuilder(4096);
    writeSkipping(cib, sb);
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void writeSkipping(Element cib, StringBuilder sb) {
    sb.append('<').append(cib.getTagName());
    for (Attr a : attributes(cib)) {
      sb.append(' ').append(a.getName()).append("=\"");
      escape(a.getValue(), true, sb);
      sb.append('"');
    }
    sb.append(">\n");
    for (Node k = cib.getFirstChild(); k != null; k = k.getNextSibling()) {
      if (k instanceof Element e) {
        if (e.getTagName().equals("status")) {
          continue;
        }
        write(e, 1, sb);
      } else if (k.getNodeType() == Node.COMMENT_NODE) {
        sb.append("  <!--").append(k.getNodeValue()).append("-->\n");
      }
    }
    sb.append("  <status/>\n</").append(cib.getTagName()).append(">\n");
  }

  /** The canonical text as UTF-8 bytes. */
  public static byte[] toBytes(Element element) {
    return toXml(element).getBytes(StandardCharsets.UTF_8);
  }

  /** SHA-256 of the canonical bytes, in lower-case hex. */
  public static String digest(Element element) {
    return sha256(toBytes(element));
  }

  /** SHA-256 of some bytes, in lower-case hex. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The attributes of an element in canonical order: id first, then by name. */
  public static List<Attr> attributes(Element e) {
    NamedNodeMap map = e.getAttributes();
    List<Attr> out = new ArrayList<>(map.getLength());
    Attr id = null;
    for (int i = 0; i < map.getLength(); i++) {
      Attr a = (Attr) map.item(i);
      if (a.getName().equals("id")) {
        id = a;
      } else {
        out.add(a);
      }
    }
    out.sort((a, b) -> a.getName().compareTo(b.getName()));
    if (id != null) {
      out.add(0, id);
    }
    return out;
  }

  private static void write(Element e, int depth, StringBuilder sb) {
    indent(depth, sb);
    sb.append('<').append(e.getTagName());
    for (Attr a : attributes(e)) {
      sb.append(' ').append(a.getName()).append("=\"");
      escape(a.getValue(), true, sb);
      sb.append('"');
    }
    // Sibling links rather than getChildNodes(): the JDK's NodeList caches state inside the node.
    Node first = e.getFirstChild();
    if (first == null) {
      sb.append("/>\n");
      return;
    }
    if (first.getNextSibling() == null && first.getNodeType() == Node.TEXT_NODE) {
      sb.append('>');
      escape(first.getNodeValue(), false, sb);
      sb.append("</").append(e.getTagName()).append(">\n");
      return;
    }
    sb.append(">\n");
    for (Node k = first; k != null; k = k.getNextSibling()) {
      switch (k.getNodeType()) {
        case Node.ELEMENT_NODE -> write((Element) k, depth + 1, sb);
        case Node.COMMENT_NODE -> {
          indent(depth + 1, sb);
          sb.append("<!--").append(k.getNodeValue()).append("-->\n");
        }
        case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> {
          indent(depth + 1, sb);
          escape(k.getNodeValue().strip(), false, sb);
          sb.append('\n');
        }
        default -> {
          // Processing instructions and the like carry nothing the CIB uses.
        }
      }
    }
    indent(depth, sb);
    sb.append("</").append(e.getTagName()).append(">\n");
  }

  private static final String SPACES = " ".repeat(256);

  private static void indent(int depth, StringBuilder sb) {
    int n = depth * 2;
    while (n > SPACES.length()) {
      sb.append(SPACES);
      n -= SPACES.length();
    }
    sb.append(SPACES, 0, n);
  }

  private static void escape(String s, boolean attribute, StringBuilder sb) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append(attribute ? "&quot;" : "\"");
        case '\n' -> sb.append(attribute ? "&#10;" : "\n");
        case '\r' -> sb.append("&#13;");
        case '\t' -> sb.append(attribute ? "&#9;" : "\t");
        default -> sb.append(c);
      }
    }
  }
}
