package org.pacer.cib.diff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.pacer.cib.document.CibDocument;
import org.pacer.cib.document.CibPaths;
import org.pacer.cib.document.CibXml;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Computes the changes between two versions of a CIB. Children are matched by name and id (or by
 * position among id-less siblings of the same name); a matched element whose children were
 * reordered, or whose text or comments changed, is reported as deleted and created again, which
 * keeps the diff correct at the cost of size in that rare case.
 */
public final class XmlDiff {

  private XmlDiff() {}

  /** The changes from {@code before} to {@code after}. */
  public static List<CibDiff.Change> changes(Element before, Element after) {
    List<CibDiff.Change> out = new ArrayList<>();
    compare(before, after, out);
    return out;
  }

  private static final String TOUCHED = "org.pacer.cib.touched";
  private static final String ON_THE_WAY = "org.pacer.cib.on-the-way";

  /**
   * Records that an edit changed {@code e} or what is under it (its attributes, or which children
   * it has), so that {@link #changesOfMarked} need look nowhere else. The marks are not copied with
   * the document.
   */
  public static void markTouched(Element e) {
    e.setUserData(TOUCHED, Boolean.TRUE, null);
    for (Node p = e.getParentNode(); p instanceof Element pe; p = pe.getParentNode()) {
      if (pe.getUserData(ON_THE_WAY) != null) {
        break;
      }
      pe.setUserData(ON_THE_WAY, Boolean.TRUE, null);
    }
  }

  /**
   * The changes from {@code before} to {@code after}, where {@code after} is an edited copy of
   * {@code before} whose edits were recorded with {@link #markTouched}: unmarked subtrees are
   * copies and are skipped, which makes the diff of a small write to a large CIB cheap.
   */
  public static List<CibDiff.Change> changesOfMarked(Element before, Element after) {
    List<CibDiff.Change> out = new ArrayList<>();
    compareMarked(before, after, out);
    return out;
  }

  private static void compareMarked(Element a, Element b, List<CibDiff.Change> out) {
    if (b.getUserData(TOUCHED) != null || !a.getTagName().equals(b.getTagName())) {
      compare(a, b, out);
      return;
    }
    if (b.getUserData(ON_THE_WAY) == null) {
      return;
    }
    compareAttributes(a, b, out);
    // Not touched: the same children in the same order as in the original.
    Node ka = a.getFirstChild();
    Node kb = b.getFirstChild();
    while (ka != null && kb != null) {
      if (ka instanceof Element ea && kb instanceof Element eb) {
        compareMarked(ea, eb, out);
      }
      ka = ka.getNextSibling();
      kb = kb.getNextSibling();
    }
  }

  /** The whole diff between two CIB versions. */
  public static CibDiff diff(CibDocument before, CibDocument after) {
    return new CibDiff(
        before.version(), after.version(), after.digest(), changes(before.root(), after.root()));
  }

  private static void compare(Element a, Element b, List<CibDiff.Change> out) {
    compareAttributes(a, b, out);
    compareChildren(a, b, out);
  }

  private static void compareAttributes(Element a, Element b, List<CibDiff.Change> out) {
    Map<String, String> set = new TreeMap<>();
    List<String> removed = new ArrayList<>();
    Map<String, String> av = attributes(a);
    Map<String, String> bv = attributes(b);
    for (var e : bv.entrySet()) {
      if (!e.getValue().equals(av.get(e.getKey()))) {
        set.put(e.getKey(), e.getValue());
      }
    }
    for (String k : av.keySet()) {
      if (!bv.containsKey(k)) {
        removed.add(k);
      }
    }
    if (!set.isEmpty() || !removed.isEmpty()) {
      out.add(new CibDiff.Modified(CibPaths.pathOf(b), set, removed));
    }
  }

  private static void compareChildren(Element a, Element b, List<CibDiff.Change> out) {
    LinkedHashMap<String, Element> ak = keyed(a);
    LinkedHashMap<String, Element> bk = keyed(b);
    if (!sameOtherContent(a, b) || !commonInSameOrder(ak, bk)) {
      for (Element old : ak.values()) {
        out.add(new CibDiff.Deleted(CibPaths.pathOf(old)));
      }
      int pos = 0;
      for (Element now : bk.values()) {
        out.add(new CibDiff.Created(CibPaths.pathOf(now), pos++, CibXml.toXml(now)));
      }
      return;
    }
    for (var e : ak.entrySet()) {
      if (!bk.containsKey(e.getKey())) {
        out.add(new CibDiff.Deleted(CibPaths.pathOf(e.getValue())));
      }
    }
    int pos = 0;
    for (var e : bk.entrySet()) {
      Element old = ak.get(e.getKey());
      if (old == null) {
        out.add(
            new CibDiff.Created(CibPaths.pathOf(e.getValue()), pos, CibXml.toXml(e.getValue())));
      } else {
        compare(old, e.getValue(), out);
      }
      pos++;
    }
  }

  static Map<String, String> attributes(Element e) {
    Map<String, String> m = new HashMap<>();
    NamedNodeMap map = e.getAttributes();
    for (int i = 0; i < map.getLength(); i++) {
      Attr a = (Attr) map.item(i);
      m.put(a.getName(), a.getValue());
    }
    return m;
  }

  /** Element children by key: {@code tag#id}, or {@code tag[n]} for the n-th id-less one. */
  static LinkedHashMap<String, Element> keyed(Element parent) {
    LinkedHashMap<String, Element> out = new LinkedHashMap<>();
    Map<String, Integer> idless = new HashMap<>();
    for (Node k = parent.getFirstChild(); k != null; k = k.getNextSibling()) {
      if (k instanceof Element e) {
        String id = e.getAttribute("id");
        String key =
            id.isEmpty()
                ? e.getTagName() + "[" + idless.merge(e.getTagName(), 1, Integer::sum) + "]"
                : e.getTagName() + "#" + id;
        if (out.putIfAbsent(key, e) != null) {
          // Duplicate ids (refused by validation, but a diff must not lose elements).
          out.put(key + "@" + out.size(), e);
        }
      }
    }
    return out;
  }

  private static boolean commonInSameOrder(
      LinkedHashMap<String, Element> a, LinkedHashMap<String, Element> b) {
    List<String> inA = a.keySet().stream().filter(b::containsKey).toList();
    List<String> inB = b.keySet().stream().filter(a::containsKey).toList();
    return inA.equals(inB);
  }

  /** Text and comments, which the keyed comparison does not see. */
  private static boolean sameOtherContent(Element a, Element b) {
    return Objects.equals(otherContent(a), otherContent(b));
  }

  private static List<String> otherContent(Element e) {
    List<String> out = new ArrayList<>();
    for (Node k = e.getFirstChild(); k != null; k = k.getNextSibling()) {
      if (!(k instanceof Element)) {
        out.add(k.getNodeType() + ":" + k.getNodeValue());
      }
    }
    return out;
  }
}
