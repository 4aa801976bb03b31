package org.pacer.crmd.tools;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pacer.pengine.model.ClusterOption;
import org.pacer.pengine.scheduler.NodeNames;
import org.pacer.pengine.scheduler.StatusModel;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code crm_mon --output-as=xml}: the body of Pacemaker 2.1's {@code <pacemaker-result>} (summary,
 * nodes, resources, node attributes, failures), element and attribute names as crm_mon writes them,
 * so tools that parse crm_mon's XML keep working. Validates against Pacemaker's crm_mon-2.x RNG
 * schema.
 */
final class CrmMonXml {
  private final Document cib;
  private final StatusModel model;
  private final ZonedDateTime now;
  private final StringBuilder out = new StringBuilder();
  private final Map<String, String> idByName = new HashMap<>();
  private final Map<String, Boolean> onlineByName = new HashMap<>();

  CrmMonXml(Document cib, StatusModel model, ZonedDateTime now) {
    this.cib = cib;
    this.model = model;
    this.now = now;
    for (StatusModel.NodeStatus n : model.nodes()) {
      idByName.put(n.name(), n.id());
      onlineByName.put(n.name(), n.online());
    }
  }

  String body() {
    summary();
    nodes();
    resources();
    nodeAttributes();
    failures();
    return out.toString();
  }

  private void summary() {
    Element root = cib.getDocumentElement();
    out.append("  <summary>\n");
    String stack = CrmMon.option(cib, "cluster-infrastructure");
    element(4, "stack", "type", stack == null ? "unknown" : stack);
    String dc = dcName();
    if (dc == null) {
      element(4, "current_dc", "present", "false");
    } else {
      String version = CrmMon.option(cib, "dc-version");
      element(
          4,
          "current_dc",
          "present",
          "true",
          "version",
          version == null ? "" : version,
          "name",
          dc,
          "id",
          root.getAttribute("dc-uuid"),
          "with_quorum",
          bool(CrmMon.isTrue(root.getAttribute("have-quorum"))),
          "mixed_version",
          "false");
    }
    element(4, "last_update", "time", CrmMon.CTIME.format(now));
    element(
        4,
        "last_change",
        "time",
        root.getAttribute("cib-last-written"),
        "user",
        root.getAttribute("update-user"),
        "client",
        root.getAttribute("update-client"),
        "origin",
        root.getAttribute("update-origin"));
    CrmMon.Counts counts = CrmMon.Counts.of(cib, model);
    element(4, "nodes_configured", "number", String.valueOf(counts.nodes()));
    element(
        4,
        "resources_configured",
        "number",
        String.valueOf(counts.instances()),
        "disabled",
        String.valueOf(counts.disabled()),
        "blocked",
        String.valueOf(counts.blocked()));
    element(
        4,
        "cluster_options",
        "stonith-enabled",
        optionBool("stonith-enabled", true),
        "symmetric-cluster",
        optionBool("symmetric-cluster", true),
        "no-quorum-policy",
        optionText("no-quorum-policy", "stop"),
        "maintenance-mode",
        optionBool("maintenance-mode", false),
        "stop-all-resources",
        optionBool("stop-all-resources", false),
        "stonith-timeout-ms",
        optionMs("stonith-timeout", 60000),
        "priority-fencing-delay-ms",
        optionMs("priority-fencing-delay", 0));
    out.append("  </summary>\n");
  }

  private String dcName() {
    String uuid = cib.getDocumentElement().getAttribute("dc-uuid");
    NodeList ns = cib.getElementsByTagName("node");
    for (int i = 0; i < ns.getLength(); i++) {
      Element n = (Element) ns.item(i);
      if (n.getParentNode() instanceof Element p
          && p.getTagName().equals("nodes")
          && !uuid.isEmpty()
          && n.getAttribute("id").equals(uuid)
          && !n.getAttribute("uname").isEmpty()) {
        return n.getAttribute("uname");
      }
    }
    return null;
  }

  private String optionBool(String name, boolean otherwise) {
    String v = CrmMon.option(cib, name);
    return bool(v == null ? otherwise : CrmMon.isTrue(v));
  }

  private String optionText(String name, String otherwise) {
    String v = CrmMon.option(cib, name);
    return v == null ? otherwise : v;
  }

  private String optionMs(String name, long otherwise) {
    String v = CrmMon.option(cib, name);
    if (v == null) {
      return String.valueOf(otherwise);
    }
    try {
      return String.valueOf(ClusterOption.parseDurationMs(v));
    } catch (IllegalArgumentException e) {
      return String.valueOf(otherwise);
    }
  }

  private void nodes() {
    out.append("  <nodes>\n");
    String dc = dcName();
    List<StatusModel.NodeStatus> sorted = new ArrayList<>(model.nodes());
    sorted.sort((x, y) -> NodeNames.compare(x.name(), y.name()));
    for (StatusModel.NodeStatus n : sorted) {
      List<String> a = new ArrayList<>();
      add(a, "name", n.name(), "id", n.id(), "online", bool(n.online()));
      add(a, "standby", bool(n.standby()), "standby_onfail", bool(n.standbyOnFail()));
      add(a, "maintenance", bool(n.maintenance()), "pending", bool(n.pending()));
      add(a, "unclean", bool(n.unclean()), "health", n.health());
      boolean member = n.type().equals("member");
      if (member && n.online()) {
        // What the node's controller records; nodes from before that are reported as older.
        add(a, "feature_set", n.attributes().getOrDefault("#feature-set", "<3.15.1"));
      }
      add(a, "shutdown", bool(n.shutdown()), "expected_up", bool(n.expectedUp()));
      add(a, "is_dc", bool(n.name().equals(dc)));
      add(a, "resources_running", String.valueOf(n.resourcesRunning()));
      add(a, "type", member ? "member" : "remote");
      if (n.container() != null) {
        add(a, "id_as_resource", n.container());
      }
      element(4, "node", a.toArray(String[]::new));
    }
    out.append("  </nodes>\n");
  }

  private void resources() {
    out.append("  <resources>\n");
    for (StatusModel.Resource r : model.resources()) {
      resource(r, 4);
    }
    out.append("  </resources>\n");
  }

  private void resource(StatusModel.Resource r, int indent) {
    if (r instanceof StatusModel.PrimitiveStatus p) {
      List<String> a = new ArrayList<>();
      add(a, "id", p.id(), "resource_agent", p.agent(), "role", p.role());
      if (p.targetRole() != null) {
        add(a, "target_role", p.targetRole());
      }
      add(a, "active", bool(!p.nodes().isEmpty()), "orphaned", bool(p.orphaned()));
      add(a, "blocked", bool(p.blocked()), "managed", bool(p.managed()));
      add(a, "failed", bool(p.failed()), "failure_ignored", bool(p.failureIgnored()));
      add(a, "nodes_running_on", String.valueOf(p.nodes().size()));
      if (p.pending() != null) {
        add(a, "pending", p.pending());
      }
      if (p.lockedTo() != null) {
        add(a, "locked_to", p.lockedTo());
      }
      if (p.nodes().isEmpty()) {
        element(indent, "resource", a.toArray(String[]::new));
        return;
      }
      open(indent, "resource", a.toArray(String[]::new));
      for (String n : p.nodes()) {
        element(indent + 2, "node", "name", n, "id", idByName.getOrDefault(n, n), "cached", "true");
      }
      close(indent, "resource");
    } else if (r instanceof StatusModel.GroupStatus g) {
      open(
          indent,
          "group",
          "id",
          g.id(),
          "number_resources",
          String.valueOf(g.members().size()),
          "managed",
          bool(g.managed()),
          "disabled",
          bool(g.disabled()));
      g.members().forEach(m -> resource(m, indent + 2));
      close(indent, "group");
    } else if (r instanceof StatusModel.CloneStatus c) {
      List<String> a = new ArrayList<>();
      add(a, "id", c.id(), "multi_state", bool(c.promotable()), "unique", bool(c.unique()));
      add(a, "managed", bool(c.managed()), "disabled", bool(c.disabled()));
      add(a, "failed", "false", "failure_ignored", "false");
      if (c.targetRole() != null) {
        add(a, "target_role", c.targetRole());
      }
      open(indent, "clone", a.toArray(String[]::new));
      c.instances().forEach(m -> resource(m, indent + 2));
      close(indent, "clone");
    }
  }

  /** Node attributes of the nodes that are up, without those the tools keep to themselves. */
  private void nodeAttributes() {
    StringBuilder section = new StringBuilder();
    List<StatusModel.NodeStatus> nodes = new ArrayList<>(model.nodes());
    nodes.sort((x, y) -> NodeNames.compare(x.name(), y.name()));
    for (StatusModel.NodeStatus n : nodes) {
      if (!n.online()) {
        continue;
      }
      Map<String, String> shown = new TreeMap<>();
      n.attributes()
          .forEach(
              (k, v) -> {
                if (!hiddenAttribute(k)) {
                  shown.put(k, v);
                }
              });
      if (shown.isEmpty()) {
        continue;
      }
      section.append("    <node name=\"").append(XmlResult.escape(n.name())).append("\">\n");
      shown.forEach(
          (k, v) ->
              section
                  .append("      <attribute name=\"")
                  .append(XmlResult.escape(k))
                  .append("\" value=\"")
                  .append(XmlResult.escape(v))
                  .append("\"/>\n"));
      section.append("    </node>\n");
    }
    if (!section.isEmpty()) {
      out.append("  <node_attributes>\n").append(section).append("  </node_attributes>\n");
    }
  }

  private static boolean hiddenAttribute(String name) {
    return name.startsWith("#")
        || name.startsWith("fail-count-")
        || name.startsWith("last-failure-")
        || name.equals("standby")
        || name.equals("maintenance")
        || name.equals("shutdown")
        || name.equals("terminate");
  }

  private void failures() {
    List<FailedActions.Failure> failed = FailedActions.of(cib);
    if (failed.isEmpty()) {
      return;
    }
    out.append("  <failures>\n");
    for (FailedActions.Failure f : failed) {
      List<String> a = new ArrayList<>();
      for (String[] kv : FailedActions.xmlAttributes(f)) {
        add(a, kv[0], kv[1]);
      }
      element(4, "failure", a.toArray(String[]::new));
    }
    out.append("  </failures>\n");
  }

  private static void add(List<String> a, String... kv) {
    a.addAll(List.of(kv));
  }

  private static String bool(boolean b) {
    return b ? "true" : "false";
  }

  private void element(int indent, String tag, String... kv) {
    start(indent, tag, kv);
    out.append("/>\n");
  }

  private void open(int indent, String tag, String... kv) {
    start(indent, tag, kv);
    out.append(">\n");
  }

  private void close(int indent, String tag) {
    out.append(" ".repeat(indent)).append("</").append(tag).append(">\n");
  }

  private void start(int indent, String tag, String... kv) {
    out.append(" ".repeat(indent)).append('<').append(tag);
    for (int i = 0; i + 1 < kv.length; i += 2) {
      out.append(' ').append(kv[i]).append("=\"").append(XmlResult.escape(kv[i + 1])).append('"');
    }
  }
}
