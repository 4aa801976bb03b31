package org.pacer.pengine.simulate;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Small DOM edits of the status section shared by injection and simulated execution. */
final class CibEdit {
  private final Document doc;

  CibEdit(Document doc) {
    this.doc = doc;
  }

  Element status() {
    Element root = doc.getDocumentElement();
    Element st = child(root, "status", null);
    if (st == null) {
      st = doc.createElement("status");
      root.appendChild(st);
    }
    return st;
  }

  /** The node_state of a node (by name), created when missing. */
  Element nodeState(String uname) {
    Element cached = nodeStateIndex.get(uname);
    if (cached != null && cached.getParentNode() != null) {
      return cached;
    }
    Element found = findNodeState(uname);
    nodeStateIndex.put(uname, found);
    return found;
  }

  private Element findNodeState(String uname) {
    Element st = status();
    for (Node n = st.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && e.getTagName().equals("node_state")
          && (uname.equals(e.getAttribute("uname")) || uname.equals(e.getAttribute("id")))) {
        return e;
      }
    }
    Element e = doc.createElement("node_state");
    e.setAttribute("id", nodeId(uname));
    e.setAttribute("uname", uname);
    st.appendChild(e);
    return e;
  }

  private String nodeId(String uname) {
    var nodes = doc.getElementsByTagName("node");
    for (int i = 0; i < nodes.getLength(); i++) {
      Element n = (Element) nodes.item(i);
      if (uname.equals(n.getAttribute("uname"))) {
        return n.getAttribute("id");
      }
    }
    return uname;
  }

  /** lrm_resource elements already seen, by node_state and resource, for constant-time reuse. */
  private final java.util.Map<Element, java.util.Map<String, Element>> lrmIndex =
      new java.util.HashMap<>();

  private final java.util.Map<String, Element> nodeStateIndex = new java.util.HashMap<>();

  Element lrmResource(Element nodeState, String rsc, String cls, String provider, String type) {
    Element hit = knownLrmResources(nodeState).get(rsc);
    if (hit != null) {
      return hit;
    }
    Element created = createLrmResource(nodeState, rsc, cls, provider, type);
    lrmIndex.get(nodeState).put(rsc, created);
    return created;
  }

  /** Whether the node's status records any history of the resource. */
  boolean hasHistory(Element nodeState, String rsc) {
    return knownLrmResources(nodeState).containsKey(rsc);
  }

  private java.util.Map<String, Element> knownLrmResources(Element nodeState) {
    java.util.Map<String, Element> known = lrmIndex.get(nodeState);
    if (known == null) {
      known = new java.util.HashMap<>();
      lrmIndex.put(nodeState, known);
      Element lrm0 = child(nodeState, "lrm", null);
      Element rscs0 = lrm0 == null ? null : child(lrm0, "lrm_resources", null);
      if (rscs0 != null) {
        for (Node n = rscs0.getFirstChild(); n != null; n = n.getNextSibling()) {
          if (n instanceof Element e && e.getTagName().equals("lrm_resource")) {
            known.putIfAbsent(e.getAttribute("id"), e);
          }
        }
      }
    }
    return known;
  }

  private Element createLrmResource(
      Element nodeState, String rsc, String cls, String provider, String type) {
    Element lrm = child(nodeState, "lrm", null);
    if (lrm == null) {
      lrm = doc.createElement("lrm");
      lrm.setAttribute("id", nodeState.getAttribute("id"));
      nodeState.appendChild(lrm);
    }
    Element rscs = child(lrm, "lrm_resources", null);
    if (rscs == null) {
      rscs = doc.createElement("lrm_resources");
      lrm.appendChild(rscs);
    }
    // Only called for resources the index does not hold yet.
    Element lr = doc.createElement("lrm_resource");
    lr.setAttribute("id", rsc);
    if (cls != null) {
      lr.setAttribute("class", cls);
    }
    if (provider != null) {
      lr.setAttribute("provider", provider);
    }
    if (type != null) {
      lr.setAttribute("type", type);
    }
    rscs.appendChild(lr);
    return lr;
  }

  /** The highest call-id recorded anywhere, so new results sort after old ones. */
  int maxCallId() {
    int max = 0;
    var ops = doc.getElementsByTagName("lrm_rsc_op");
    for (int i = 0; i < ops.getLength(); i++) {
      try {
        max = Math.max(max, Integer.parseInt(((Element) ops.item(i)).getAttribute("call-id")));
      } catch (NumberFormatException e) {
        // ops without a call id do not matter here
      }
    }
    return max;
  }

  /**
   * Records an operation result: recurring monitors under their own id, everything else as the
   * resource's last operation.
   */
  void recordOp(
      Element lr,
      String rsc,
      String task,
      long interval,
      int rc,
      int callId,
      int expectedRc,
      String digest,
      long now) {
    String id = interval > 0 ? rsc + "_" + task + "_" + interval : rsc + "_last_0";
    Element op = child(lr, "lrm_rsc_op", id);
    if (op == null) {
      op = doc.createElement("lrm_rsc_op");
      op.setAttribute("id", id);
      lr.appendChild(op);
    }
    String key = rsc + "_" + task + "_" + interval;
    op.setAttribute("operation_key", key);
    op.setAttribute("operation", task);
    op.setAttribute("crm-debug-origin", "crm_simulate");
    String tkey = "1:0:" + expectedRc + ":00000000-0000-0000-0000-000000000000";
    op.setAttribute("transition-key", tkey);
    op.setAttribute("transition-magic", "0:" + rc + ";" + tkey);
    op.setAttribute("call-id", Integer.toString(callId));
    op.setAttribute("rc-code", Integer.toString(rc));
    op.setAttribute("op-status", "0");
    op.setAttribute("interval", Long.toString(interval));
    op.setAttribute("last-rc-change", Long.toString(now));
    op.setAttribute("exec-time", "0");
    op.setAttribute("queue-time", "0");
    if (digest != null) {
      op.setAttribute("op-digest", digest);
    }
    if (rc != expectedRc && rc != 0 && !(task.equals("monitor") && rc == 7)) {
      Element fail = child(lr, "lrm_rsc_op", rsc + "_last_failure_0");
      Element copy = (Element) op.cloneNode(true);
      copy.setAttribute("id", rsc + "_last_failure_0");
      if (fail != null) {
        lr.replaceChild(copy, fail);
      } else {
        lr.appendChild(copy);
      }
    }
  }

  /** Drops a resource's recurring monitors on a node (after it stopped there). */
  void dropMonitors(Element lr) {
    for (Node n = lr.getFirstChild(); n != null; ) {
      Node next = n.getNextSibling();
      if (n instanceof Element e
          && e.getTagName().equals("lrm_rsc_op")
          && !"0".equals(e.getAttribute("interval"))
          && !e.getAttribute("interval").isEmpty()) {
        lr.removeChild(e);
      }
      n = next;
    }
  }

  void setNode(String uname, boolean up, boolean clean) {
    Element ns = nodeState(uname);
    ns.setAttribute("in_ccm", up ? "true" : "false");
    ns.setAttribute("crmd", up ? "online" : "offline");
    ns.setAttribute("join", up ? "member" : "down");
    ns.setAttribute("expected", up || !clean ? "member" : "down");
    if (!up && clean) {
      lrmIndex.remove(ns);
      Element lrm = child(ns, "lrm", null);
      if (lrm != null) {
        ns.removeChild(lrm);
      }
      Element ta = child(ns, "transient_attributes", null);
      if (ta != null) {
        ns.removeChild(ta);
      }
    }
  }

  static Element child(Element parent, String tag, String id) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && e.getTagName().equals(tag)
          && (id == null || id.equals(e.getAttribute("id")))) {
        return e;
      }
    }
    return null;
  }
}
