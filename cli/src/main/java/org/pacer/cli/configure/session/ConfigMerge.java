package org.pacer.cli.configure.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.pacer.cli.configure.store.CibXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A commit as a diff (what crmsh sends as a patch): when the CIB changed since the session read it,
 * the session's changes are applied object by object to the CIB as it is now, unless someone else
 * changed one of the same objects — then nothing is written and the conflict names them.
 *
 * <p>An object is a child of a configuration section, by id (a primitive, a group with its members,
 * a constraint, a property set, a node...). A section's children without ids are one object, named
 * after the section.
 */
final class ConfigMerge {
  private ConfigMerge() {}

  /** The objects changed both here and there, in a refused merge. */
  static final class Conflict extends Exception {
    final List<String> objects;

    Conflict(List<String> objects) {
      super(String.join(", ", objects));
      this.objects = objects;
    }
  }

  /** What {@link #merge} did: the document to write and the objects it carried over. */
  record Result(Document merged, List<String> applied) {}

  /**
   * @param base the CIB the session read
   * @param ours the session's working copy
   * @param theirs the CIB as it is now
   */
  static Result merge(Document base, Document ours, Document theirs) throws Conflict {
    Document merged = (Document) theirs.cloneNode(true);
    List<String> conflicts = new ArrayList<>();
    List<String> applied = new ArrayList<>();
    for (String section : Cib.SECTIONS) {
      Map<String, String> b = texts(base, section);
      Map<String, String> o = texts(ours, section);
      Map<String, String> t = texts(theirs, section);
      Map<String, Element> mineById = objects(ours, section);
      Set<String> ids = new LinkedHashSet<>(b.keySet());
      ids.addAll(o.keySet());
      for (String id : ids) {
        String was = b.get(id);
        String mine = o.get(id);
        if (Objects.equals(was, mine)) {
          continue; // not ours to change
        }
        String now = t.get(id);
        if (Objects.equals(mine, now)) {
          continue; // they made the same change
        }
        if (!Objects.equals(was, now) && !Objects.equals(mine, now)) {
          conflicts.add(id);
          continue;
        }
        apply(merged, section, id, mineById.get(id), ours);
        applied.add(id);
      }
    }
    if (!conflicts.isEmpty()) {
      throw new Conflict(conflicts);
    }
    return new Result(merged, applied);
  }

  /** Puts our version of an object (or its absence) into the merged CIB. */
  private static void apply(
      Document merged, String section, String id, Element mine, Document ours) {
    Element conf = CibXml.child(merged.getDocumentElement(), "configuration");
    Element sec = CibXml.child(conf, section);
    Element old = sec == null ? null : objects(merged, section).get(id);
    if (mine == null) {
      if (old != null) {
        if (id.startsWith("#")) {
          unnamed(sec).forEach(sec::removeChild);
        } else {
          sec.removeChild(old);
        }
      }
      return;
    }
    if (sec == null) {
      sec = merged.createElement(section);
      conf.appendChild(sec);
    }
    if (id.startsWith("#")) {
      unnamed(sec).forEach(sec::removeChild);
      for (Element e :
          unnamed(
              CibXml.child(CibXml.child(ours.getDocumentElement(), "configuration"), section))) {
        sec.appendChild(merged.importNode(e, true));
      }
      return;
    }
    Node copy = merged.importNode(mine, true);
    if (old != null) {
      sec.replaceChild(copy, old);
      return;
    }
    // a new object goes after the object it follows in our copy, when that one is there
    Element anchor = null;
    for (Node p = mine.getPreviousSibling();
        p != null && anchor == null;
        p = p.getPreviousSibling()) {
      if (p instanceof Element pe && pe.hasAttribute("id")) {
        anchor = objects(merged, section).get(pe.getAttribute("id"));
      }
    }
    if (anchor == null) {
      sec.appendChild(copy);
    } else {
      sec.insertBefore(copy, anchor.getNextSibling());
    }
  }

  /** A section's objects by id; the children without id together under {@code #section}. */
  private static Map<String, Element> objects(Document d, String section) {
    Map<String, Element> out = new LinkedHashMap<>();
    Element conf = CibXml.child(d.getDocumentElement(), "configuration");
    Element sec = conf == null ? null : CibXml.child(conf, section);
    if (sec == null) {
      return out;
    }
    for (Element e : CibXml.children(sec)) {
      if (e.hasAttribute("id")) {
        out.put(e.getAttribute("id"), e);
      } else {
        out.putIfAbsent("#" + section, e);
      }
    }
    return out;
  }

  private static List<Element> unnamed(Element sec) {
    List<Element> out = new ArrayList<>();
    if (sec != null) {
      for (Element e : CibXml.children(sec)) {
        if (!e.hasAttribute("id")) {
          out.add(e);
        }
      }
    }
    return out;
  }

  /** Each object's XML; the children without id as one text. */
  private static Map<String, String> texts(Document d, String section) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Element> e : objects(d, section).entrySet()) {
      if (e.getKey().startsWith("#")) {
        StringBuilder b = new StringBuilder();
        unnamed((Element) e.getValue().getParentNode())
            .forEach(u -> b.append(CibXml.printCompact(u)));
        out.put(e.getKey(), b.toString());
      } else {
        out.put(e.getKey(), CibXml.printCompact(e.getValue()));
      }
    }
    return out;
  }
}
