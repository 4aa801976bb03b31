package org.pacer.cli.configure.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.pacer.cli.configure.store.CibXml;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Prints CIB objects in crmsh's configure language, as {@code show} does. Ids that the language
 * would give anyway are left out; others are written with {@code $id=} where the language has a
 * place for them. {@link ObjectPrinter} falls back to {@code xml} when the text would not give the
 * same XML back.
 */
public final class CrmshRenderer {

  private static final Set<String> SET_TAGS =
      Set.of("instance_attributes", "meta_attributes", "utilization");

  private final ConstraintRenderer constraints = new ConstraintRenderer(this);

  /** The statement for one object, or null if it has no language form. */
  public String render(Element e, List<String> nodeNames) {
    return switch (e.getTagName()) {
      case "primitive", "template" -> primitive(e);
      case "group", "clone", "master" -> container(e);
      case "bundle" -> BundleRenderer.bundle(this, e);
      case "node" -> node(e);
      case "cluster_property_set" -> clusterSet("property", e);
      case "meta_attributes" -> clusterSet(((Element) e.getParentNode()).getTagName(), e);
      case "rsc_location" -> constraints.location(e);
      case "rsc_colocation" -> constraints.colocation(e);
      case "rsc_order" -> constraints.order(e);
      case "rsc_ticket" -> constraints.ticket(e);
      case "tag" -> constraints.tag(e);
      case "fencing-topology" -> constraints.fencing(e, nodeNames);
      case "alert" -> constraints.alert(e);
      case "acl_role" -> constraints.role(e);
      case "acl_target", "acl_group" -> constraints.aclTarget(e);
      default -> null;
    };
  }

  /** Comments stored in an object, as the {@code #} lines that precede its statement. */
  static String comments(Element e) {
    StringBuilder b = new StringBuilder();
    for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c.getNodeType() == Node.COMMENT_NODE) {
        String t = c.getNodeValue().strip();
        for (String l : t.split("\n")) {
          b.append(l.startsWith("#") ? l : "# " + l).append('\n');
        }
      }
    }
    return b.toString();
  }

  static boolean isDefault(String id, String base) {
    return id.equals(base) || Pattern.matches(Pattern.quote(base) + "-[0-9]+", id);
  }

  String primitive(Element e) {
    Text t =
        new Text(
            (e.getTagName().equals("template") ? "rsc_template " : "primitive ")
                + e.getAttribute("id"));
    t.word(agent(e));
    if (e.hasAttribute("description")) {
      t.line(Text.pair("description", e.getAttribute("description")));
    }
    String id = e.getAttribute("id");
    for (Element c : CibXml.children(e)) {
      if (SET_TAGS.contains(c.getTagName())) {
        t.line(attrSet(keyword(c.getTagName(), false), c, id));
      } else if (c.getTagName().equals("operations")) {
        if (c.hasAttribute("id-ref")) {
          t.line("operations $id-ref=" + c.getAttribute("id-ref"));
        } else if (c.hasAttribute("id")) {
          t.line("operations $id=" + c.getAttribute("id"));
        }
        String base = c.hasAttribute("id") ? c.getAttribute("id") : id;
        for (Element op : CibXml.children(c)) {
          op(t, op, base);
        }
      }
    }
    return t.toString();
  }

  static String agent(Element e) {
    if (e.hasAttribute("template")) {
      return "@" + e.getAttribute("template");
    }
    String cls = e.getAttribute("class");
    String prov = e.getAttribute("provider");
    String type = e.getAttribute("type");
    if (cls.equals("ocf") && prov.equals("heartbeat")) {
      return type;
    }
    return prov.isEmpty() ? cls + ":" + type : cls + ":" + prov + ":" + type;
  }

  static String keyword(String tag, boolean op) {
    return switch (tag) {
      case "instance_attributes" -> op ? "op_params" : "params";
      case "meta_attributes" -> op ? "op_meta" : "meta";
      default -> "utilization";
    };
  }

  private void op(Text t, Element op, String base) {
    StringBuilder b = new StringBuilder("op ").append(op.getAttribute("name"));
    String interval = op.getAttribute("interval");
    String defaultId =
        base + "-" + op.getAttribute("name") + "-" + (interval.isEmpty() ? "0" : interval);
    // the DOM keeps attributes sorted; crmsh shows them as written, which is most often the
    // interval, the timeout, the rest, and an interval=0 it added itself last
    List<String> names = new ArrayList<>();
    for (int i = 0; i < op.getAttributes().getLength(); i++) {
      names.add(op.getAttributes().item(i).getNodeName());
    }
    names.sort(
        java.util.Comparator.comparingInt(
            n ->
                switch (n) {
                  case "id" -> 0;
                  case "interval" -> interval.equals("0") ? 9 : 1;
                  case "timeout" -> 2;
                  default -> 3;
                }));
    for (String n : names) {
      String v = op.getAttribute(n);
      if (n.equals("name") || (n.equals("id") && isDefault(v, defaultId))) {
        continue;
      }
      b.append(' ').append(Text.pair(n, v));
    }
    t.line(b.toString());
    String opId = op.getAttribute("id");
    for (Element c : CibXml.children(op)) {
      if (SET_TAGS.contains(c.getTagName())) {
        t.line(attrSet(keyword(c.getTagName(), true), c, opId));
      }
    }
  }

  /** {@code keyword [$id=X] [score:] [rule ...] name=value ...} on one line. */
  String attrSet(String keyword, Element set, String owner) {
    StringBuilder b = new StringBuilder(keyword);
    if (set.hasAttribute("id-ref")) {
      return b.append(" $id-ref=").append(set.getAttribute("id-ref")).toString();
    }
    String id = set.getAttribute("id");
    // an empty set needs its id written, or the statement would not make it at all
    if (!isDefault(id, owner + "-" + set.getTagName()) || CibXml.children(set).isEmpty()) {
      b.append(" $id=").append(id);
    }
    if (set.hasAttribute("score")) {
      b.append(' ').append(set.getAttribute("score")).append(':');
    }
    pairsAndRules(b, set, id);
    return b.toString();
  }

  void pairsAndRules(StringBuilder b, Element set, String id) {
    for (Element c : CibXml.children(set)) {
      if (c.getTagName().equals("rule")) {
        b.append(' ').append(rule(c, id));
      }
    }
    for (Element c : CibXml.children(set)) {
      if (c.getTagName().equals("nvpair")) {
        b.append(' ').append(nvpair(c, id));
      }
    }
  }

  static String nvpair(Element n, String setId) {
    if (n.hasAttribute("id-ref")) {
      return "@" + n.getAttribute("id-ref");
    }
    String name = n.getAttribute("name");
    String v = n.hasAttribute("value") ? n.getAttribute("value") : null;
    String p = Text.pair(name, v);
    String id = n.getAttribute("id");
    if (!isDefault(id, setId + "-" + name)) {
      p = "$" + id + ":" + p;
    }
    return p;
  }

  /** {@code rule [$id=X] [$role=R] [score:] expr [and|or expr ...]}. */
  String rule(Element r, String owner) {
    StringBuilder b = new StringBuilder("rule");
    if (r.hasAttribute("id-ref")) {
      return b.append(" $id-ref=").append(r.getAttribute("id-ref")).toString();
    }
    String id = r.getAttribute("id");
    if (!isDefault(id, owner + "-rule")) {
      b.append(" $id=").append(id);
    }
    if (r.hasAttribute("role")) {
      b.append(" $role=").append(r.getAttribute("role"));
    }
    if (r.hasAttribute("score-attribute")) {
      b.append(' ').append(r.getAttribute("score-attribute")).append(':');
    } else if (r.hasAttribute("score") && !r.getAttribute("score").equals("INFINITY")) {
      b.append(' ').append(score(r.getAttribute("score"))).append(':');
    }
    String op = r.hasAttribute("boolean-op") ? r.getAttribute("boolean-op") : "and";
    boolean first = true;
    for (Element x : CibXml.children(r)) {
      if (!first) {
        b.append(' ').append(op);
      }
      first = false;
      b.append(' ').append(expression(x));
    }
    return b.toString();
  }

  static String score(String s) {
    return switch (s) {
      case "INFINITY" -> "inf";
      case "+INFINITY" -> "+inf";
      case "-INFINITY" -> "-inf";
      default -> s;
    };
  }

  private static String expression(Element x) {
    if (x.getTagName().equals("date_expression")) {
      StringBuilder b = new StringBuilder("date ");
      String op = x.getAttribute("operation");
      switch (op) {
        case "lt" -> b.append("lt ").append(Text.bare(x.getAttribute("end")));
        case "gt" -> b.append("gt ").append(Text.bare(x.getAttribute("start")));
        case "date_spec" -> b.append("spec");
        default -> {
          b.append("in");
          if (x.hasAttribute("start")) {
            b.append(' ').append(Text.pair("start", x.getAttribute("start")));
          }
          if (x.hasAttribute("end")) {
            b.append(' ').append(Text.pair("end", x.getAttribute("end")));
          }
        }
      }
      for (Element f : CibXml.children(x)) {
        for (int i = 0; i < f.getAttributes().getLength(); i++) {
          org.w3c.dom.Attr a = (org.w3c.dom.Attr) f.getAttributes().item(i);
          if (!a.getName().equals("id")) {
            b.append(' ').append(Text.pair(a.getName(), a.getValue()));
          }
        }
      }
      return b.toString();
    }
    String op = x.getAttribute("operation");
    String attr = x.getAttribute("attribute");
    if (op.equals("defined") || op.equals("not_defined")) {
      return op + " " + attr;
    }
    String type = x.hasAttribute("type") ? x.getAttribute("type") + ":" : "";
    return Text.bare(attr) + " " + type + op + " " + Text.bare(x.getAttribute("value"));
  }

  String container(Element e) {
    String kw = e.getTagName().equals("master") ? "ms" : e.getTagName();
    String id = e.getAttribute("id");
    Text t = new Text(kw + " " + id);
    for (Element c : CibXml.children(e)) {
      if (Set.of("primitive", "group", "clone", "master", "bundle").contains(c.getTagName())) {
        t.word(c.getAttribute("id"));
      }
    }
    if (e.hasAttribute("description")) {
      t.line(Text.pair("description", e.getAttribute("description")));
    }
    for (Element c : CibXml.children(e)) {
      if (SET_TAGS.contains(c.getTagName())) {
        t.line(attrSet(keyword(c.getTagName(), false), c, id));
      }
    }
    return t.toString();
  }

  String node(Element e) {
    String id = e.getAttribute("id");
    String uname = e.hasAttribute("uname") ? e.getAttribute("uname") : id;
    String head = id.equals(uname) ? "node " + uname : "node " + id + ": " + uname;
    if (e.hasAttribute("type")) {
      head += ":" + e.getAttribute("type");
    }
    Text t = new Text(head);
    if (e.hasAttribute("description")) {
      t.line(Text.pair("description", e.getAttribute("description")));
    }
    for (Element c : CibXml.children(e)) {
      if (c.getTagName().equals("instance_attributes")) {
        t.line(attrSet("attributes", c, id));
      } else if (c.getTagName().equals("utilization")) {
        t.line(attrSet("utilization", c, id));
      }
    }
    return t.toString();
  }

  String clusterSet(String keyword, Element e) {
    Text t = new Text(keyword + " " + e.getAttribute("id") + ":");
    for (Element c : CibXml.children(e)) {
      if (c.getTagName().equals("rule")) {
        t.line(rule(c, e.getAttribute("id")));
      }
    }
    for (Element c : CibXml.children(e)) {
      if (c.getTagName().equals("nvpair")) {
        t.line(nvpair(c, e.getAttribute("id")));
      }
    }
    return t.toString();
  }

  static List<String> ids(List<Element> es) {
    List<String> out = new ArrayList<>();
    for (Element e : es) {
      out.add(e.getAttribute("id"));
    }
    return out;
  }
}
