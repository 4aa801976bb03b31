package org.pacer.pengine.unpack;

import static org.pacer.pengine.unpack.Xml.attr;
import static org.pacer.pengine.unpack.Xml.child;
import static org.pacer.pengine.unpack.Xml.children;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pacer.pengine.model.LrmOp;
import org.pacer.pengine.model.LrmResource;
import org.pacer.pengine.model.NodeState;
import org.w3c.dom.Element;

/** Parses the status section: node_state entries with their history, and ticket states. */
final class StatusParser {
  private final List<String> problems;

  StatusParser(List<String> problems) {
    this.problems = problems;
  }

  List<NodeState> nodeStates(Element status) {
    List<NodeState> out = new ArrayList<>();
    for (Element ns : children(status, "node_state")) {
      Map<String, String> attrs = new LinkedHashMap<>();
      for (Element ta : children(ns, "transient_attributes")) {
        for (Element set : children(ta, "instance_attributes")) {
          for (Element nv : children(set, "nvpair")) {
            attrs.put(nv.getAttribute("name"), nv.getAttribute("value"));
          }
        }
      }
      List<LrmResource> rscs = new ArrayList<>();
      Element lrm = child(ns, "lrm");
      for (Element lr : children(child(lrm, "lrm_resources"), "lrm_resource")) {
        List<LrmOp> ops = new ArrayList<>();
        for (Element op : children(lr, "lrm_rsc_op")) {
          LrmOp o = op(op);
          if (o != null) {
            ops.add(o);
          }
        }
        rscs.add(
            new LrmResource(
                lr.getAttribute("id"),
                attr(lr, "class"),
                attr(lr, "provider"),
                attr(lr, "type"),
                attr(lr, "container"),
                ops,
                lockTime(attr(lr, "shutdown-lock"))));
      }
      String id = ns.getAttribute("id");
      out.add(
          new NodeState(
              id,
              attr(ns, "uname") == null ? id : ns.getAttribute("uname"),
              attr(ns, "in_ccm"),
              attr(ns, "crmd"),
              attr(ns, "join"),
              attr(ns, "expected"),
              "true".equals(attr(ns, "remote_node")),
              attrs,
              rscs));
    }
    return out;
  }

  Map<String, Map<String, String>> tickets(Element status) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (Element t : children(child(status, "tickets"), "ticket_state")) {
      Map<String, String> a = new LinkedHashMap<>();
      for (int i = 0; i < t.getAttributes().getLength(); i++) {
        var n = t.getAttributes().item(i);
        a.put(n.getNodeName(), n.getNodeValue());
      }
      out.put(t.getAttribute("id"), a);
    }
    return out;
  }

  private LrmOp op(Element op) {
    String id = op.getAttribute("id");
    String magic = attr(op, "transition-magic");
    int rc = intAttr(op, "rc-code", Integer.MIN_VALUE);
    int status = intAttr(op, "op-status", Integer.MIN_VALUE);
    if ((rc == Integer.MIN_VALUE || status == Integer.MIN_VALUE) && magic != null) {
      // "status:rc;transition-key"
      int colon = magic.indexOf(':');
      int semi = magic.indexOf(';');
      if (colon > 0 && semi > colon) {
        try {
          if (status == Integer.MIN_VALUE) {
            status = Integer.parseInt(magic.substring(0, colon));
          }
          if (rc == Integer.MIN_VALUE) {
            rc = Integer.parseInt(magic.substring(colon + 1, semi));
          }
        } catch (NumberFormatException e) {
          problems.add("lrm_rsc_op " + id + " has a malformed transition-magic");
        }
      }
    }
    if (rc == Integer.MIN_VALUE) {
      rc = 0;
    }
    if (status == Integer.MIN_VALUE) {
      status = 0;
    }
    String key = attr(op, "transition-key");
    if (key == null && magic != null && magic.indexOf(';') > 0) {
      key = magic.substring(magic.indexOf(';') + 1);
    }
    String operation = attr(op, "operation");
    if (operation == null) {
      problems.add("lrm_rsc_op " + id + " has no operation");
      return null;
    }
    return new LrmOp(
        id,
        operation,
        intAttr(op, "call-id", -1),
        rc,
        status,
        longAttr(op, "interval", 0),
        longAttr(op, "last-rc-change", 0),
        longAttr(op, "last-run", 0),
        attr(op, "op-digest"),
        attr(op, "op-restart-digest"),
        attr(op, "op-force-restart"),
        attr(op, "op-secure-digest"),
        attr(op, "op-secure-params"),
        key,
        attr(op, "migrate_source"),
        attr(op, "migrate_target"),
        attr(op, "exit-reason"));
  }

  private static int intAttr(Element e, String name, int def) {
    String v = attr(e, name);
    if (v == null) {
      return def;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException ex) {
      return def;
    }
  }

  private static long longAttr(Element e, String name, long def) {
    String v = attr(e, name);
    if (v == null) {
      return def;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException ex) {
      return def;
    }
  }

  private static long lockTime(String v) {
    if (v == null) {
      return 0;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      return 0; // an unreadable lock locks nothing
    }
  }
}
