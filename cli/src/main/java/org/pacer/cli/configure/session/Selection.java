package org.pacer.cli.configure.session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.pacer.cli.configure.store.CibXml;
import org.w3c.dom.Element;

/**
 * The objects a {@code show}/{@code edit}/{@code filter}/{@code save} selection names: ids, {@code
 * type:T}, {@code tag:T}, {@code related:X}, {@code changed}, joined by {@code and} / {@code or}
 * (plain juxtaposition means or).
 */
final class Selection {

  /** crmsh's show order: nodes, resources by kind, tags, constraints, then the rest. */
  private static final List<String> TYPE_ORDER =
      List.of(
          "node",
          "rsc_template",
          "primitive",
          "group",
          "ms",
          "clone",
          "bundle",
          "tag",
          "colocation",
          "location",
          "order",
          "fencing_topology",
          "rsc_ticket",
          "property",
          "rsc_defaults",
          "op_defaults",
          "role",
          "acl_target",
          "acl_group",
          "alert",
          "xml");

  private Selection() {}

  /** The crmsh type name of an object element. */
  static String type(Element e) {
    return switch (e.getTagName()) {
      case "template" -> "rsc_template";
      case "master" -> "ms";
      case "rsc_location" -> "location";
      case "rsc_colocation" -> "colocation";
      case "rsc_order" -> "order";
      case "fencing-topology" -> "fencing_topology";
      case "cluster_property_set" -> "property";
      case "meta_attributes" -> ((Element) e.getParentNode()).getTagName();
      case "acl_role" -> "role";
      default -> e.getTagName();
    };
  }

  static List<Element> sorted(List<Element> objects, boolean sort) {
    if (!sort) {
      return objects;
    }
    List<Element> out = new ArrayList<>(objects);
    out.sort(Comparator.<Element>comparingInt(e -> rank(type(e))).thenComparing(Cib::objectId));
    return out;
  }

  private static int rank(String type) {
    int i = TYPE_ORDER.indexOf(type);
    return i < 0 ? TYPE_ORDER.size() : i;
  }

  static List<Element> select(Cib cib, List<String> words, Predicate<Element> changed)
      throws EditException {
    List<Element> all = cib.objects();
    if (words.isEmpty()) {
      return all;
    }
    Set<Element> result = new LinkedHashSet<>();
    Set<Element> current = null;
    boolean and = false;
    for (String w : words) {
      if (w.equals("and")) {
        and = true;
        continue;
      }
      if (w.equals("or")) {
        and = false;
        continue;
      }
      Set<Element> m = match(cib, all, w, changed);
      if (current == null) {
        current = m;
      } else if (and) {
        current.retainAll(m);
      } else {
        result.addAll(current);
        current = m;
      }
      and = false;
    }
    if (current != null) {
      result.addAll(current);
    }
    List<Element> out = new ArrayList<>();
    for (Element e : all) {
      if (result.contains(e)) {
        out.add(e);
      }
    }
    return out;
  }

  private static Set<Element> match(
      Cib cib, List<Element> all, String w, Predicate<Element> changed) throws EditException {
    Set<Element> m = new LinkedHashSet<>();
    if (w.equals("changed")) {
      all.stream().filter(changed).forEach(m::add);
    } else if (w.startsWith("type:")) {
      String t = w.substring(5);
      all.stream().filter(e -> type(e).equals(t)).forEach(m::add);
    } else if (w.startsWith("tag:")) {
      Element tag = cib.byId(w.substring(4));
      if (tag == null || !tag.getTagName().equals("tag")) {
        throw new EditException("no tag " + w.substring(4));
      }
      Set<String> ids = new LinkedHashSet<>();
      for (Element ref : CibXml.children(tag)) {
        ids.add(ref.getAttribute("id"));
      }
      all.stream().filter(e -> ids.contains(Cib.objectId(e))).forEach(m::add);
    } else if (w.startsWith("related:")) {
      String x = w.substring(8);
      for (Element e : all) {
        if (Cib.objectId(e).equals(x) || refersTo(e, x) || agentMatches(e, x)) {
          m.add(e);
        }
      }
    } else if (w.startsWith("obscure:")) {
      return new LinkedHashSet<>(all);
    } else {
      Element e = cib.object(w);
      if (e == null) {
        throw new EditException("object " + w + " does not exist");
      }
      m.add(e);
    }
    return m;
  }

  private static boolean refersTo(Element e, String id) {
    for (Map.Entry<String, String> a : attributes(e)) {
      if (List.of("rsc", "with-rsc", "first", "then").contains(a.getKey())
          && a.getValue().equals(id)) {
        return true;
      }
    }
    org.w3c.dom.NodeList refs = e.getElementsByTagName("*");
    for (int i = 0; i < refs.getLength(); i++) {
      Element r = (Element) refs.item(i);
      if (Cib.isReference(r) && r.getAttribute("id").equals(id)) {
        return true;
      }
    }
    return false;
  }

  private static boolean agentMatches(Element e, String agent) {
    if (!e.getTagName().equals("primitive")) {
      return false;
    }
    String full =
        e.getAttribute("class")
            + (e.hasAttribute("provider") ? ":" + e.getAttribute("provider") : "")
            + ":"
            + e.getAttribute("type");
    return full.equals(agent) || e.getAttribute("type").equals(agent);
  }

  private static List<Map.Entry<String, String>> attributes(Element e) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (int i = 0; i < e.getAttributes().getLength(); i++) {
      org.w3c.dom.Attr a = (org.w3c.dom.Attr) e.getAttributes().item(i);
      out.add(Map.entry(a.getName(), a.getValue()));
    }
    return out;
  }
}
