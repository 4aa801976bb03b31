package org.pacer.cli.configure.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pacer.cli.configure.model.AttrSet;
import org.pacer.cli.configure.model.Definition;
import org.pacer.cli.configure.model.ResourceSet;
import org.pacer.cli.configure.model.Rule;
import org.w3c.dom.Element;

/** CIB elements of constraints, tags, fencing topology, alerts and ACLs. */
public final class ConstraintXml {
  private final XmlGenerator g;

  public ConstraintXml(XmlGenerator g) {
    this.g = g;
  }

  private Element named(String tag, String id) {
    Element e = g.el(tag);
    e.setAttribute("id", id);
    g.ids().claim(id);
    return e;
  }

  public Element location(Definition.Location l) {
    Element e = named("rsc_location", l.id());
    if (l.rsc() != null) {
      e.setAttribute("rsc", l.rsc());
    }
    if (l.rscPattern() != null) {
      e.setAttribute("rsc-pattern", l.rscPattern());
    }
    if (l.role() != null) {
      e.setAttribute("role", l.role());
    }
    if (l.resourceDiscovery() != null) {
      e.setAttribute("resource-discovery", l.resourceDiscovery());
    }
    if (l.score() != null) {
      if (XmlGenerator.isNumericScore(l.score())) {
        e.setAttribute("score", l.score());
      } else {
        e.setAttribute("score-attribute", l.score());
      }
      e.setAttribute("node", l.node());
    }
    if (l.sets() != null) {
      appendSets(e, l.sets(), "role");
    }
    for (Rule r : l.rules()) {
      e.appendChild(g.rule(r, l.id()));
    }
    return e;
  }

  public Element colocation(Definition.Colocation c) {
    Element e = named("rsc_colocation", c.id());
    e.setAttribute("score", c.score());
    if (isSimple(c.sets())) {
      List<String[]> two = flatten(c.sets());
      e.setAttribute("rsc", two.get(0)[0]);
      setIf(e, "rsc-role", two.get(0)[1]);
      e.setAttribute("with-rsc", two.get(1)[0]);
      setIf(e, "with-rsc-role", two.get(1)[1]);
    } else {
      appendSets(e, c.sets(), "role");
    }
    trailing(e, c.attributes());
    return e;
  }

  public Element order(Definition.Order o) {
    Element e = named("rsc_order", o.id());
    if (o.kind() != null) {
      e.setAttribute("kind", o.kind());
    } else if (o.score() != null) {
      // crmsh 4.4 writes the kind Pacemaker 2 prefers: score 0 is advisory, anything else binds
      e.setAttribute("kind", o.score().equals("0") ? "Optional" : "Mandatory");
    }
    if (isSimple(o.sets())) {
      List<String[]> two = flatten(o.sets());
      e.setAttribute("first", two.get(0)[0]);
      setIf(e, "first-action", two.get(0)[1]);
      e.setAttribute("then", two.get(1)[0]);
      setIf(e, "then-action", two.get(1)[1]);
    } else {
      appendSets(e, o.sets(), "action");
    }
    trailing(e, o.attributes());
    return e;
  }

  public Element ticket(Definition.Ticket t) {
    Element e = named("rsc_ticket", t.id());
    e.setAttribute("ticket", t.ticket());
    List<ResourceSet> sets = t.sets();
    if (sets.size() == 1 && sets.get(0).bracket() == null && sets.get(0).resources().size() == 1) {
      e.setAttribute("rsc", sets.get(0).resources().get(0));
      setIf(e, "rsc-role", sets.get(0).roleOrAction());
    } else {
      appendSets(e, sets, "role");
    }
    trailing(e, t.attributes());
    return e;
  }

  private static void trailing(Element e, Map<String, String> attrs) {
    attrs.forEach(
        (k, v) -> {
          if (!k.equals("sequential") && !k.equals("require-all")) {
            e.setAttribute(k, v);
          }
        });
  }

  private static void setIf(Element e, String name, String value) {
    if (value != null) {
      e.setAttribute(name, value);
    }
  }

  /** Two resources written plainly, without brackets: the constraint's two-resource form. */
  static boolean isSimple(List<ResourceSet> sets) {
    int n = 0;
    for (ResourceSet s : sets) {
      if (s.bracket() != null) {
        return false;
      }
      n += s.resources().size();
    }
    return n == 2;
  }

  private static List<String[]> flatten(List<ResourceSet> sets) {
    List<String[]> out = new ArrayList<>();
    for (ResourceSet s : sets) {
      for (String r : s.resources()) {
        out.add(new String[] {r, s.roleOrAction()});
      }
    }
    return out;
  }

  private void appendSets(Element e, List<ResourceSet> sets, String roleAttr) {
    String cid = e.getAttribute("id");
    int i = 0;
    for (ResourceSet s : sets) {
      Element rs = g.el("resource_set");
      rs.setAttribute("id", g.ids().make(cid + "-" + i++));
      java.util.Map<String, String> attrs = new java.util.LinkedHashMap<>();
      if ("(".equals(s.bracket()) || "[".equals(s.bracket())) {
        attrs.put("sequential", "false");
      }
      if ("[".equals(s.bracket())) {
        attrs.put("require-all", "false");
      }
      attrs.putAll(s.attributes());
      // written inside the brackets, the defaults (true) simply undo what the brackets said
      attrs.remove("sequential", "true");
      attrs.remove("require-all", "true");
      setIf(rs, roleAttr, s.roleOrAction());
      attrs.forEach(rs::setAttribute);
      for (String r : s.resources()) {
        Element ref = g.el("resource_ref");
        ref.setAttribute("id", r);
        rs.appendChild(ref);
      }
      e.appendChild(rs);
    }
  }

  public Element tag(Definition.Tag t) {
    Element e = named("tag", t.id());
    for (String r : t.refs()) {
      Element ref = g.el("obj_ref");
      ref.setAttribute("id", r);
      e.appendChild(ref);
    }
    return e;
  }

  /** The whole fencing-topology element; levels without a target repeat for every node. */
  public Element fencingTopology(Definition.FencingTopology f, List<String> nodes) {
    Element e = g.el("fencing-topology");
    java.util.Map<String, Integer> index = new java.util.HashMap<>();
    boolean anyTarget = false;
    for (Definition.FencingTopology.Level l : f.levels()) {
      anyTarget |= l.target() != null || l.targetPattern() != null || l.targetAttribute() != null;
    }
    if (!anyTarget) {
      for (String n : nodes) {
        for (Definition.FencingTopology.Level l : f.levels()) {
          e.appendChild(level(index, "target", n, null, l.devices()));
        }
      }
      return e;
    }
    for (Definition.FencingTopology.Level l : f.levels()) {
      if (l.target() != null) {
        e.appendChild(level(index, "target", l.target(), null, l.devices()));
      } else if (l.targetPattern() != null) {
        e.appendChild(level(index, "target-pattern", l.targetPattern(), null, l.devices()));
      } else {
        e.appendChild(
            level(index, "target-attribute", l.targetAttribute(), l.targetValue(), l.devices()));
      }
    }
    return e;
  }

  private Element level(
      Map<String, Integer> index, String attr, String target, String value, String devices) {
    Element lv = g.el("fencing-level");
    String key = attr + "\0" + target + "\0" + value;
    int i = index.merge(key, 1, Integer::sum);
    lv.setAttribute(attr, target);
    if (value != null) {
      lv.setAttribute("target-value", value);
    }
    lv.setAttribute("index", Integer.toString(i));
    lv.setAttribute("devices", devices);
    lv.setAttribute("id", g.ids().make("fencing"));
    return lv;
  }

  public Element alert(Definition.Alert a) {
    Element e = named("alert", a.id());
    e.setAttribute("path", a.path());
    if (a.description() != null) {
      e.setAttribute("description", a.description());
    }
    for (AttrSet s : a.sets()) {
      e.appendChild(g.attrSet(s, a.id()));
    }
    if (!a.select().isEmpty()) {
      Element sel = g.el("select");
      int i = 0;
      for (String s : a.select()) {
        Element x = g.el("select_" + s);
        if (s.equals("attributes")) {
          for (String name : a.selectAttributes()) {
            Element at = g.el("attribute");
            at.setAttribute("id", g.ids().make(a.id() + "-" + i++));
            at.setAttribute("name", name);
            x.appendChild(at);
          }
        }
        sel.appendChild(x);
      }
      e.appendChild(sel);
    }
    int n = 1;
    for (Definition.Alert.Recipient r : a.recipients()) {
      Element re = g.el("recipient");
      String rid = r.id() != null ? r.id() : g.ids().make(a.id() + "-recipient-" + n);
      n++;
      g.ids().claim(rid);
      re.setAttribute("id", rid);
      re.setAttribute("value", r.value());
      if (r.description() != null) {
        re.setAttribute("description", r.description());
      }
      for (AttrSet s : r.sets()) {
        re.appendChild(g.attrSet(s, rid));
      }
      e.appendChild(re);
    }
    return e;
  }

  public Element role(Definition.Role r) {
    Element e = named("acl_role", r.id());
    int i = 0;
    for (Definition.Role.Permission p : r.permissions()) {
      Element ap = g.el("acl_permission");
      ap.setAttribute("kind", p.right());
      AclSpec.apply(ap, p.spec());
      ap.setAttribute("id", g.ids().make(r.id() + "-" + i++));
      e.appendChild(ap);
    }
    return e;
  }

  public Element aclTarget(Definition.AclTarget t) {
    Element e = named(t.kind(), t.id());
    for (String role : t.roles()) {
      Element x = g.el("role");
      x.setAttribute("id", role);
      e.appendChild(x);
    }
    return e;
  }
}
