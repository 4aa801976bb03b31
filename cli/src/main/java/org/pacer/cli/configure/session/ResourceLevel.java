package org.pacer.cli.configure.session;

import java.io.PrintWriter;
import java.util.List;
import org.pacer.cli.configure.render.IdAllocator;
import org.pacer.cli.configure.store.CibXml;
import org.w3c.dom.Element;

/** {@code crm resource} commands that change only the configuration. */
final class ResourceLevel {
  private final Cib cib;
  private final ShellOptions options;
  private final PrintWriter out;
  private final PrintWriter err;
  private final AttributeEditor attrs;

  ResourceLevel(Cib cib, ShellOptions options, PrintWriter out, PrintWriter err) {
    this.cib = cib;
    this.options = options;
    this.out = out;
    this.err = err;
    this.attrs = new AttributeEditor(cib);
  }

  void run(List<String> w) throws EditException {
    String cmd = w.get(0);
    switch (cmd) {
      case "status", "show", "list" -> {
        if (w.size() > 1) {
          resource(w.get(1));
          out.println("resource " + w.get(1) + " is NOT running");
        }
      }
      case "start", "stop" ->
          meta(
              resource(ClusterCommands.arg(w, 1, "a resource")),
              "target-role",
              cmd.equals("start") ? "Started" : "Stopped",
              null);
      case "manage", "unmanage" ->
          meta(
              resource(ClusterCommands.arg(w, 1, "a resource")),
              "is-managed",
              cmd.equals("manage") ? "true" : "false",
              "maintenance");
      case "maintenance" -> {
        Element r = resource(ClusterCommands.arg(w, 1, "a resource"));
        String v = w.size() > 2 ? w.get(2) : "on";
        if (!v.equals("on") && !v.equals("off")) {
          throw new EditException("maintenance: expected on or off, not " + v);
        }
        meta(r, "maintenance", v.equals("on") ? "true" : "false", "is-managed");
      }
      case "move", "migrate" -> move(w);
      case "clear", "unmove", "unmigrate", "unban" ->
          clear(ClusterCommands.arg(w, 1, "a resource"));
      case "ban" -> ban(w);
      case "param", "meta", "utilization" -> attribute(cmd, w);
      case "trace", "untrace" -> trace(cmd.equals("trace"), w);
      default ->
          throw new EditException(
              "resource " + cmd + " needs a running cluster; it cannot act on a CIB file");
    }
  }

  private Element resource(String id) throws EditException {
    Element e = cib.byId(id);
    if (e == null || !cib.isResource(e)) {
      throw new EditException("resource " + id + " does not exist");
    }
    return e;
  }

  /** The top-level object a resource belongs to (crmsh rewrites that whole object). */
  private Element top(Element r) {
    Element t = r;
    while (t.getParentNode() instanceof Element p && cib.isResource(p)) {
      t = p;
    }
    return t;
  }

  /**
   * Sets a meta attribute as crmsh's resource level does: on the clone when the resource sits
   * directly in one; the conflicting attribute goes; children lose theirs unless manage-children is
   * "never".
   */
  private void meta(Element r, String name, String value, String conflicting) {
    Element parent = (Element) r.getParentNode();
    Element target =
        parent.getTagName().equals("clone") || parent.getTagName().equals("master") ? parent : r;
    if (conflicting != null) {
      attrs.remove(target, "meta_attributes", conflicting, true);
    }
    if (!options.manageChildren.equals("never")) {
      attrs.removeBelow(target, name);
      if (conflicting != null) {
        attrs.removeBelow(target, conflicting);
      }
    }
    attrs.set(target, "meta_attributes", name, value, null);
    attrs.dropEmptySets(top(target));
  }

  /**
   * {@code move RSC [NODE] [LIFETIME] [force]}: prefer NODE (crm_resource's {@code
   * cli-prefer-RSC}); with no node, or with force, also ban the resource from where it runs now. A
   * lifetime (ISO 8601 duration such as PT1H) turns each constraint into a rule that expires.
   */
  private void move(List<String> w) throws EditException {
    Element r = resource(ClusterCommands.arg(w, 1, "a resource"));
    String id = r.getAttribute("id");
    MoveArgs a = MoveArgs.parse(w.subList(2, w.size()), options.clock);
    if (a.node() == null) {
      String from = runningOn(id);
      location("cli-ban-" + id + "-on-" + from, r, from, "-INFINITY", a.until());
      err.println("INFO: Move constraint created for " + id + " (banned from " + from + ")");
    } else {
      location("cli-prefer-" + id, r, a.node(), "INFINITY", a.until());
      if (a.force()) {
        for (String from : locations().nodesOf(id)) {
          if (!from.equals(a.node())) {
            location("cli-ban-" + id + "-on-" + from, r, from, "-INFINITY", a.until());
          }
        }
      }
      err.println("INFO: Move constraint created for " + id + " to " + a.node());
    }
    untilNote(id, a);
  }

  private void ban(List<String> w) throws EditException {
    Element r = resource(ClusterCommands.arg(w, 1, "a resource"));
    String id = r.getAttribute("id");
    MoveArgs a = MoveArgs.parse(w.subList(2, w.size()), options.clock);
    String node = a.node() != null ? a.node() : runningOn(id);
    location("cli-ban-" + id + "-on-" + node, r, node, "-INFINITY", a.until());
    err.println("INFO: Ban constraint created for " + id + " on " + node);
    untilNote(id, a);
  }

  private void untilNote(String id, MoveArgs a) {
    if (a.until() != null) {
      err.println("INFO: the constraint expires at " + a.until());
    }
    err.println("INFO: Use `crm resource clear " + id + "` to remove it");
  }

  /** The one node the resource is active on now (move and ban without a node). */
  private String runningOn(String id) throws EditException {
    List<String> nodes = locations().nodesOf(id);
    if (nodes.size() != 1) {
      throw new EditException(
          "resource "
              + id
              + (nodes.isEmpty() ? " is not running" : " runs on " + String.join(", ", nodes))
              + "; name the node");
    }
    return nodes.get(0);
  }

  private org.pacer.cli.configure.live.Locations locations() throws EditException {
    try {
      return org.pacer.cli.configure.live.Locations.of(
          cib.doc(), java.time.LocalDateTime.now(options.clock));
    } catch (org.pacer.pengine.unpack.CibException e) {
      throw new EditException("the scheduler cannot read the CIB: " + e.getMessage());
    }
  }

  /**
   * A location constraint as crm_resource writes it: {@code node}/{@code score} attributes, or with
   * a lifetime a rule on {@code #uname} and a date expression ending it (UTC, {@code 2026-11-25
   * 16:07:56Z}).
   */
  private void location(String id, Element r, String node, String score, String until) {
    Element old = cib.byId(id);
    if (old != null) {
      old.getParentNode().removeChild(old);
    }
    Element l = cib.doc().createElement("rsc_location");
    l.setAttribute("id", id);
    l.setAttribute("rsc", r.getAttribute("id"));
    l.setAttribute("role", "Started");
    if (until == null) {
      l.setAttribute("node", node);
      l.setAttribute("score", score);
    } else {
      boolean prefer = id.startsWith("cli-prefer-");
      String rsc = r.getAttribute("id");
      Element rule = cib.doc().createElement("rule");
      rule.setAttribute("id", prefer ? "cli-prefer-rule-" + rsc : id + "-rule");
      rule.setAttribute("score", score);
      rule.setAttribute("boolean-op", "and");
      Element e = cib.doc().createElement("expression");
      e.setAttribute("id", prefer ? "cli-prefer-expr-" + rsc : id + "-expr");
      e.setAttribute("attribute", "#uname");
      e.setAttribute("operation", "eq");
      e.setAttribute("value", node);
      e.setAttribute("type", "string");
      Element d = cib.doc().createElement("date_expression");
      d.setAttribute("id", prefer ? "cli-prefer-lifetime-end-" + rsc : id + "-lifetime");
      d.setAttribute("operation", "lt");
      d.setAttribute("end", until);
      rule.appendChild(e);
      rule.appendChild(d);
      l.appendChild(rule);
    }
    cib.section("constraints").appendChild(l);
  }

  private void clear(String rsc) throws EditException {
    resource(rsc);
    Element cons = cib.sectionIfPresent("constraints");
    if (cons == null) {
      return;
    }
    for (Element c : CibXml.children(cons)) {
      String id = c.getAttribute("id");
      if (c.getTagName().equals("rsc_location")
          && rsc.equals(c.getAttribute("rsc"))
          && (id.equals("cli-prefer-" + rsc) || id.startsWith("cli-ban-" + rsc + "-on-"))) {
        cons.removeChild(c);
      }
    }
  }

  private void attribute(String kind, List<String> w) throws EditException {
    Element r = resource(ClusterCommands.arg(w, 1, "a resource"));
    String action = ClusterCommands.arg(w, 2, "set, show or delete");
    String name = ClusterCommands.arg(w, 3, "an attribute name");
    String setTag =
        switch (kind) {
          case "param" -> "instance_attributes";
          case "meta" -> "meta_attributes";
          default -> "utilization";
        };
    switch (action) {
      case "set" -> attrs.set(r, setTag, name, ClusterCommands.arg(w, 4, "a value"), null);
      case "show" -> {
        Element p = AttributeEditor.find(r, setTag, name);
        if (p == null) {
          throw new EditException(r.getAttribute("id") + " has no " + kind + " " + name);
        }
        out.println(p.getAttribute("value"));
      }
      case "delete" -> {
        if (!attrs.remove(r, setTag, name, false)) {
          throw new EditException(r.getAttribute("id") + " has no " + kind + " " + name);
        }
      }
      default -> throw new EditException(kind + ": expected set, show or delete");
    }
  }

  /** trace/untrace: the trace_ra parameter of an operation (a probe is monitor, interval 0). */
  private void trace(boolean on, List<String> w) throws EditException {
    Element r = resource(ClusterCommands.arg(w, 1, "a resource"));
    if (!r.getTagName().equals("primitive")) {
      throw new EditException("trace: " + r.getAttribute("id") + " is not a primitive");
    }
    String op = w.size() > 2 ? w.get(2) : "start";
    String interval = w.size() > 3 ? w.get(3) : "0";
    String name = op.equals("probe") ? "monitor" : op;
    Element ops = CibXml.child(r, "operations");
    Element found = null;
    if (ops != null) {
      for (Element o : CibXml.children(ops)) {
        if (o.getAttribute("name").equals(name) && o.getAttribute("interval").equals(interval)) {
          found = o;
        }
      }
    }
    if (on) {
      IdAllocator ids = new IdAllocator(cib.doc(), java.util.Set.of());
      if (ops == null) {
        ops = cib.doc().createElement("operations");
        r.appendChild(ops);
      }
      if (found == null) {
        found = cib.doc().createElement("op");
        found.setAttribute("name", name);
        found.setAttribute("interval", interval);
        found.setAttribute("id", ids.make(r.getAttribute("id") + "-" + name + "-" + interval));
        ops.appendChild(found);
      }
      attrs.set(found, "instance_attributes", "trace_ra", "1", null);
      return;
    }
    if (found == null || !attrs.remove(found, "instance_attributes", "trace_ra", true)) {
      throw new EditException(r.getAttribute("id") + " is not traced for " + op);
    }
    if (CibXml.children(found).isEmpty() && found.getAttributes().getLength() <= 3) {
      ops.removeChild(found);
    }
    if (CibXml.children(ops).isEmpty() && !ops.hasAttribute("id")) {
      r.removeChild(ops);
    }
  }
}
