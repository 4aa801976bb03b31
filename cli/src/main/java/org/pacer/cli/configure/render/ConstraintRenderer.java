package org.pacer.cli.configure.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pacer.cli.configure.store.CibXml;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;

/** Constraints, tags, fencing topology, alerts and ACLs in the configure language. */
final class ConstraintRenderer {
  private final CrmshRenderer r;

  ConstraintRenderer(CrmshRenderer r) {
    this.r = r;
  }

  String location(Element e) {
    String id = e.getAttribute("id");
    Text t = new Text("location " + id);
    List<Element> sets = children(e, "resource_set");
    if (e.hasAttribute("rsc")) {
      t.word(e.getAttribute("rsc"));
    } else if (e.hasAttribute("rsc-pattern")) {
      t.word("/" + e.getAttribute("rsc-pattern") + "/");
    } else if (sets.size() == 1) {
      Element s = sets.get(0);
      StringBuilder b = new StringBuilder("{");
      String role = s.getAttribute("role");
      for (Element ref : children(s, "resource_ref")) {
        b.append(' ').append(ref.getAttribute("id"));
        if (!role.isEmpty()) {
          b.append(':').append(role);
        }
      }
      for (Attr a : attrs(s)) {
        if (!a.getName().equals("id") && !a.getName().equals("role")) {
          b.append(' ').append(Text.pair(a.getName(), a.getValue()));
        }
      }
      t.word(b.append(" }").toString());
    } else {
      return null;
    }
    if (e.hasAttribute("role")) {
      t.word("role=" + e.getAttribute("role"));
    }
    if (e.hasAttribute("resource-discovery")) {
      t.word("resource-discovery=" + e.getAttribute("resource-discovery"));
    }
    if (e.hasAttribute("node")) {
      String score =
          e.hasAttribute("score")
              ? CrmshRenderer.score(e.getAttribute("score"))
              : e.getAttribute("score-attribute");
      t.word(score + ":").word(e.getAttribute("node"));
    }
    for (Element rule : children(e, "rule")) {
      t.line(r.rule(rule, id));
    }
    return t.toString();
  }

  String colocation(Element e) {
    Text t = new Text("colocation " + e.getAttribute("id"));
    t.word(scoreWord(e) + ":");
    if (e.hasAttribute("rsc")) {
      t.word(withRole(e.getAttribute("rsc"), e.getAttribute("rsc-role")));
      t.word(withRole(e.getAttribute("with-rsc"), e.getAttribute("with-rsc-role")));
    } else {
      sets(t, e, "role");
    }
    trailing(
        t, e, "id", "score", "score-attribute", "rsc", "rsc-role", "with-rsc", "with-rsc-role");
    return t.toString();
  }

  private static String scoreWord(Element e) {
    return e.hasAttribute("score")
        ? CrmshRenderer.score(e.getAttribute("score"))
        : e.getAttribute("score-attribute");
  }

  String order(Element e) {
    Text t = new Text("order " + e.getAttribute("id"));
    if (e.hasAttribute("kind")) {
      t.word(e.getAttribute("kind") + ":");
    } else if (e.hasAttribute("score")) {
      t.word(CrmshRenderer.score(e.getAttribute("score")) + ":");
    }
    if (e.hasAttribute("first")) {
      t.word(withRole(e.getAttribute("first"), e.getAttribute("first-action")));
      t.word(withRole(e.getAttribute("then"), e.getAttribute("then-action")));
    } else {
      sets(t, e, "action");
    }
    trailing(t, e, "id", "kind", "score", "first", "first-action", "then", "then-action");
    return t.toString();
  }

  String ticket(Element e) {
    Text t = new Text("rsc_ticket " + e.getAttribute("id"));
    t.word(e.getAttribute("ticket") + ":");
    if (e.hasAttribute("rsc")) {
      t.word(withRole(e.getAttribute("rsc"), e.getAttribute("rsc-role")));
    } else {
      sets(t, e, "role");
    }
    trailing(t, e, "id", "ticket", "rsc", "rsc-role");
    return t.toString();
  }

  private static String withRole(String rsc, String role) {
    return role.isEmpty() ? rsc : rsc + ":" + role;
  }

  private static void trailing(Text t, Element e, String... skip) {
    List<String> s = List.of(skip);
    for (Attr a : attrs(e)) {
      if (!s.contains(a.getName())) {
        t.word(Text.pair(a.getName(), a.getValue()));
      }
    }
  }

  private static void sets(Text t, Element e, String roleAttr) {
    for (Element s : children(e, "resource_set")) {
      boolean seqFalse = "false".equals(s.getAttribute("sequential"));
      boolean reqFalse = "false".equals(s.getAttribute("require-all"));
      String open = seqFalse ? (reqFalse ? "[" : "(") : null;
      if (open != null) {
        t.word(open);
      }
      String role = s.getAttribute(roleAttr);
      for (Element ref : children(s, "resource_ref")) {
        t.word(withRole(ref.getAttribute("id"), role));
      }
      for (Attr a : attrs(s)) {
        String n = a.getName();
        if (n.equals("id") || n.equals(roleAttr)) {
          continue;
        }
        if (open != null
            && (n.equals("sequential") || (open.equals("[") && n.equals("require-all")))) {
          continue;
        }
        t.word(Text.pair(n, a.getValue()));
      }
      if (open != null) {
        t.word(open.equals("[") ? "]" : ")");
      }
    }
  }

  String tag(Element e) {
    Text t = new Text("tag " + e.getAttribute("id"));
    for (Element ref : children(e, "obj_ref")) {
      t.word(ref.getAttribute("id"));
    }
    return t.toString();
  }

  /** Short form when every node has the same levels; else one line per target. */
  String fencing(Element e, List<String> nodeNames) {
    Map<String, List<String>> byTarget = new LinkedHashMap<>();
    for (Element l : children(e, "fencing-level")) {
      String target;
      if (l.hasAttribute("target")) {
        target = l.getAttribute("target") + ":";
      } else if (l.hasAttribute("target-pattern")) {
        target = "pattern:" + l.getAttribute("target-pattern");
      } else {
        target =
            "attr:" + l.getAttribute("target-attribute") + "=" + l.getAttribute("target-value");
      }
      byTarget.computeIfAbsent(target, k -> new ArrayList<>()).add(l.getAttribute("devices"));
    }
    List<String> nodeTargets = new ArrayList<>();
    for (String n : nodeNames) {
      nodeTargets.add(n + ":");
    }
    if (!byTarget.isEmpty() && new ArrayList<>(byTarget.keySet()).equals(nodeTargets)) {
      List<List<String>> distinct =
          new ArrayList<>(new java.util.LinkedHashSet<>(byTarget.values()));
      if (distinct.size() == 1) {
        return "fencing_topology " + String.join(" ", distinct.get(0));
      }
    }
    Text t = new Text("fencing_topology");
    for (Map.Entry<String, List<String>> x : byTarget.entrySet()) {
      t.line(x.getKey() + " " + String.join(" ", x.getValue()));
    }
    return t.toString();
  }

  String alert(Element e) {
    String id = e.getAttribute("id");
    Text t = new Text("alert " + id + " " + Text.quote(e.getAttribute("path")));
    if (e.hasAttribute("description")) {
      t.line(Text.pair("description", e.getAttribute("description")));
    }
    for (Element c : CibXml.children(e)) {
      switch (c.getTagName()) {
        case "instance_attributes" -> t.line(r.attrSet("attributes", c, id));
        case "meta_attributes" -> t.line(r.attrSet("meta", c, id));
        case "select" -> {
          StringBuilder b = new StringBuilder("select");
          for (Element s : CibXml.children(c)) {
            String kind = s.getTagName().substring("select_".length());
            b.append(' ').append(kind);
            if (kind.equals("attributes") && !CibXml.children(s).isEmpty()) {
              b.append(" {");
              for (Element a : CibXml.children(s)) {
                b.append(' ').append(a.getAttribute("name"));
              }
              b.append(" }");
            }
          }
          t.line(b.toString());
        }
        case "recipient" -> {
          StringBuilder b = new StringBuilder("to ");
          String rid = c.getAttribute("id");
          b.append(Text.quote(c.getAttribute("value")));
          if (c.hasAttribute("description")) {
            b.append(' ').append(Text.pair("description", c.getAttribute("description")));
          }
          for (Element s : CibXml.children(c)) {
            String kw = s.getTagName().equals("meta_attributes") ? "meta" : "attributes";
            b.append(' ').append(r.attrSet(kw, s, rid));
          }
          t.line(b.toString());
        }
        default -> {}
      }
    }
    return t.toString();
  }

  String role(Element e) {
    Text t = new Text("role " + e.getAttribute("id"));
    for (Element p : children(e, "acl_permission")) {
      t.line(p.getAttribute("kind") + " " + AclSpec.render(p));
    }
    return t.toString();
  }

  String aclTarget(Element e) {
    Text t = new Text(e.getTagName() + " " + e.getAttribute("id"));
    for (Element role : children(e, "role")) {
      t.line(role.getAttribute("id"));
    }
    return t.toString();
  }

  static List<Element> children(Element e, String tag) {
    List<Element> out = new ArrayList<>();
    for (Element c : CibXml.children(e)) {
      if (c.getTagName().equals(tag)) {
        out.add(c);
      }
    }
    return out;
  }

  static List<Attr> attrs(Element e) {
    List<Attr> out = new ArrayList<>();
    for (int i = 0; i < e.getAttributes().getLength(); i++) {
      out.add((Attr) e.getAttributes().item(i));
    }
    return out;
  }
}
