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

  private void move(List<String> w) throws EditException {
    Element r = resource(ClusterCommands.arg(w, 1, "a resource"));
    String node = ClusterCommands.arg(w, 2, "a node to move to");
    String id = "cli-prefer-" + r.getAttribute("id");
    location(id, r, node, "INFINITY");
    err.println("INFO: Move constraint created for " + r.getAttribute("id") + " to " + node);
  }

  private void ban(List<String> w) throws EditException {
    Element r = resource(ClusterCommands.arg(w, 1, "a resource"));
    String node = ClusterCommands.arg(w, 2, "a node to ban from");
    location("cli-ban-" + r.getAttribute("id") + "-on-" + node, r, node, "-INFINITY");
  }

  private void location(String id, Element r, String node, String score) {
    Element old = cib.byId(id);
    if (old != null) {
      old.getParentNode().removeChild(old);
    }
    Element l = cib.doc().createElement("rsc_location");
    l.setAttribute("id", id);
    l.setAttribute("rsc", r.getAttribute("id"));
    l.setAttribute("role", "Started");
    l.setAttribute("node", node);
    l.setAttribute("score", score);
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
