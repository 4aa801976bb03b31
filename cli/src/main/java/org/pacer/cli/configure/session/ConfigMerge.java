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

  /** Sections whose objects are attribute sets, merged nvpair by nvpair. */
  private static final Set<String> SETS = Set.of("crm_config", "rsc_defaults", "op_defaults");

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
          // both changed it: a property or defaults set may still merge name by name (order
          // of its nvpairs carries no meaning, unlike a group's members)
          if (!SETS.contains(section)) {
            conflicts.add(id);
            continue;
          }
          Element joined =
              nested(
                  objects(base, section).get(id),
                  mineById.get(id),
                  objects(theirs, section).get(id),
                  conflicts);
          if (joined != null) {
            apply(merged, section, id, joined, ours);
            applied.add(id);
          }
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

  /**
   * Three-way merge inside one object changed on both sides, for attribute sets (a property set
   * whose different properties two writers changed; the DC's dc-version among them): attributes one
   * by one, children by id. Returns the merged element, or null after adding the conflicting parts
   * ({@code set/nvpair}) to {@code conflicts}.
   */
  private static Element nested(Element base, Element mine, Element now, List<String> conflicts) {
    String id =
        mine == null ? (now == null ? "" : now.getAttribute("id")) : mine.getAttribute("id");
    if (base == null
        || mine == null
        || now == null
        || !base.getTagName().equals(mine.getTagName())
        || !mine.getTagName().equals(now.getTagName())
        || !allHaveIds(base)
        || !allHaveIds(mine)
        || !allHaveIds(now)) {
      conflicts.add(id);
      return null;
    }
    Element out = (Element) now.cloneNode(true);
    int before = conflicts.size();
    Set<String> names = new LinkedHashSet<>();
    for (Element e : List.of(base, mine, now)) {
      for (int i = 0; i < e.getAttributes().getLength(); i++) {
        names.add(e.getAttributes().item(i).getNodeName());
      }
    }
    for (String n : names) {
      String was = base.hasAttribute(n) ? base.getAttribute(n) : null;
      String m = mine.hasAttribute(n) ? mine.getAttribute(n) : null;
      String t = now.hasAttribute(n) ? now.getAttribute(n) : null;
      if (Objects.equals(was, m) || Objects.equals(m, t)) {
        continue;
      }
      if (!Objects.equals(was, t)) {
        conflicts.add(id + "@" + n);
      } else if (m == null) {
        out.removeAttribute(n);
      } else {
        out.setAttribute(n, m);
      }
    }
    Map<String, Element> b = byId(base);
    Map<String, Element> o = byId(mine);
    Map<String, Element> t = byId(out);
    Set<String> ids = new LinkedHashSet<>(b.keySet());
    ids.addAll(o.keySet());
    for (String c : ids) {
      String was = text(b.get(c));
      String m = text(o.get(c));
      String th = text(byId(now).get(c));
      if (Objects.equals(was, m) || Objects.equals(m, th)) {
        continue;
      }
      if (!Objects.equals(was, th)) {
        conflicts.add(id + "/" + c);
      } else if (o.get(c) == null) {
        out.removeChild(t.get(c));
      } else if (t.get(c) != null) {
        out.replaceChild(out.getOwnerDocument().importNode(o.get(c), true), t.get(c));
      } else {
        out.appendChild(out.getOwnerDocument().importNode(o.get(c), true));
      }
    }
    return conflicts.size() == before ? out : null;
  }

  private static boolean allHaveIds(Element e) {
    return CibXml.children(e).stream().allMatch(c -> c.hasAttribute("id"));
  }

  private static Map<String, Element> byId(Element e) {
    Map<String, Element> out = new LinkedHashMap<>();
    CibXml.children(e).forEach(c -> out.put(c.getAttribute("id"), c));
    return out;
  }

  private static String text(Element e) {
    return e == null ? null : CibXml.printCompact(e);
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
