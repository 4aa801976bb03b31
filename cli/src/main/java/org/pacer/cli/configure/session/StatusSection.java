package org.pacer.cli.configure.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pacer.cli.configure.store.CibXml;
import org.pacer.crmd.tools.FailedActions;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Reading the CIB's status section: node states, operation histories, fail counts. */
final class StatusSection {
  /** Pacemaker's INFINITY for scores and fail counts. */
  static final long INFINITY = 1_000_000;

  private StatusSection() {}

  static List<Element> nodeStates(Document cib) {
    List<Element> out = new ArrayList<>();
    Element status = CibXml.child(cib.getDocumentElement(), "status");
    if (status != null) {
      for (Element e : CibXml.children(status)) {
        if (e.getTagName().equals("node_state")) {
          out.add(e);
        }
      }
    }
    return out;
  }

  static String uname(Element state) {
    return state.hasAttribute("uname") ? state.getAttribute("uname") : state.getAttribute("id");
  }

  /** The node's {@code lrm_resource} entries. */
  static List<Element> histories(Element state) {
    Element lrm = CibXml.child(state, "lrm");
    Element resources = lrm == null ? null : CibXml.child(lrm, "lrm_resources");
    return resources == null ? List.of() : CibXml.children(resources);
  }

  /** Whether a history id ({@code rsc} or a clone instance {@code rsc:N}) belongs to {@code id}. */
  static boolean sameResource(Document cib, String historyId, String id) {
    String base =
        historyId.contains(":") ? historyId.substring(0, historyId.indexOf(':')) : historyId;
    if (base.equals(id) || historyId.equals(id)) {
      return true;
    }
    // a container (group, clone) covers the primitives below it
    Element e = resourceById(cib, id);
    return e != null && !e.getTagName().equals("primitive") && contains(e, base);
  }

  /** A recorded failure of this history: a failed operation, or a fail count on the node. */
  static boolean hasFailure(Element state, Element history) {
    for (Element op : CibXml.children(history)) {
      if (op.getTagName().equals("lrm_rsc_op") && FailedActions.failed(op)) {
        return true;
      }
    }
    String id = history.getAttribute("id");
    return !countsIn(state, id).isEmpty();
  }

  /** XPath test on {@code @name} for the fail-count and last-failure attributes of a history id. */
  static String failAttributeTest(String id) {
    return "@name='fail-count-"
        + id
        + "' or starts-with(@name,'fail-count-"
        + id
        + "#') or @name='last-failure-"
        + id
        + "' or starts-with(@name,'last-failure-"
        + id
        + "#')";
  }

  /**
   * The fail-count attributes ({@code fail-count-RSC}, {@code fail-count-RSC#OP_INTERVAL}, and
   * those of clone instances {@code RSC:N}) of a resource on a node, by name.
   */
  static Map<String, String> failCounts(Document cib, String node, String rsc) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Element state : nodeStates(cib)) {
      if (node.equals(uname(state))) {
        out.putAll(countsIn(state, rsc));
      }
    }
    return out;
  }

  private static Map<String, String> countsIn(Element state, String rsc) {
    Map<String, String> out = new LinkedHashMap<>();
    Element transient_ = CibXml.child(state, "transient_attributes");
    if (transient_ == null) {
      return out;
    }
    for (Element set : CibXml.children(transient_)) {
      for (Element nv : CibXml.children(set)) {
        String name = nv.getAttribute("name");
        if (!name.startsWith("fail-count-")) {
          continue;
        }
        String owner = name.substring("fail-count-".length());
        int hash = owner.indexOf('#');
        owner = hash < 0 ? owner : owner.substring(0, hash);
        int colon = owner.indexOf(':');
        String base = colon < 0 ? owner : owner.substring(0, colon);
        if (owner.equals(rsc) || base.equals(rsc)) {
          out.put(name, nv.getAttribute("value"));
        }
      }
    }
    return out;
  }

  /** A transient attribute's value on a node's state, or null. */
  static String transientValue(Element state, String name) {
    Element transient_ = CibXml.child(state, "transient_attributes");
    if (transient_ != null) {
      for (Element set : CibXml.children(transient_)) {
        for (Element nv : CibXml.children(set)) {
          if (name.equals(nv.getAttribute("name"))) {
            return nv.getAttribute("value");
          }
        }
      }
    }
    return null;
  }

  /** Fail counts add up to at most INFINITY, as Pacemaker sums them. */
  static String sum(Collection<String> values) {
    long total = 0;
    for (String v : values) {
      String t = v.trim();
      long n;
      if (t.equalsIgnoreCase("INFINITY") || t.equalsIgnoreCase("+INFINITY")) {
        n = INFINITY;
      } else {
        try {
          n = Long.parseLong(t);
        } catch (NumberFormatException e) {
          n = 0;
        }
      }
      total = Math.min(INFINITY, total + n);
    }
    return total >= INFINITY ? "INFINITY" : Long.toString(total);
  }

  static boolean isResource(Document cib, String id) {
    return resourceById(cib, id) != null;
  }

  private static Element resourceById(Document cib, String id) {
    Element conf = CibXml.child(cib.getDocumentElement(), "configuration");
    Element resources = conf == null ? null : CibXml.child(conf, "resources");
    return resources == null ? null : find(resources, id);
  }

  private static Element find(Element parent, String id) {
    for (Element c : CibXml.children(parent)) {
      if (id.equals(c.getAttribute("id")) && Cib.RESOURCE_TAGS.contains(c.getTagName())) {
        return c;
      }
      Element below = find(c, id);
      if (below != null) {
        return below;
      }
    }
    return null;
  }

  private static boolean contains(Element e, String id) {
    for (Element c : CibXml.children(e)) {
      if (id.equals(c.getAttribute("id")) || contains(c, id)) {
        return true;
      }
    }
    return false;
  }
}
