package org.pacer.crmd.tools;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import org.pacer.pengine.Simulator;
import org.pacer.pengine.scheduler.StatusModel;
import org.pacer.pengine.scheduler.Transition;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code crm_mon -1}: the cluster summary (stack, DC, quorum, last update and change, counts), the
 * node list and the active resources (every resource with {@code -r}), laid out as Pacemaker's
 * crm_mon prints them. The node and resource lines are pengine's (the same unpacking that schedules
 * the cluster), so what crm_mon shows is what the scheduler sees.
 */
final class CrmMon {

  static final String TOOL = "crm_mon";

  /** ctime(3) layout, as Pacemaker prints times: {@code Wed Oct 2 13:07:16 2013}. */
  static final DateTimeFormatter CTIME =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT);

  private CrmMon() {}

  static ToolResult run(List<String> args, ToolBackend backend, ZonedDateTime now) {
    XmlResult xmlResult = new XmlResult(TOOL, args);
    boolean xml = false;
    try {
      ArgParser.Parsed p =
          new ArgParser(TOOL)
              .flag('1', "one-shot")
              .flag('r', "inactive")
              .flag('V', "verbose")
              .flag('$', "version")
              .flag('h', "help")
              .flag('X', "as-xml")
              .value('\0', "output-as")
              .parse(args);
      if (p.has("help")) {
        return ToolResult.ok(HELP);
      }
      if (p.has("version")) {
        return ToolResult.ok(Tools.VERSION_LINE + "\n");
      }
      String format = p.has("as-xml") ? "xml" : p.has("output-as") ? p.get("output-as") : "text";
      if (!FORMATS.contains(format)) {
        throw new ToolException(
            ExitCodes.USAGE,
            TOOL
                + ": unknown output format '"
                + format
                + "' (--output-as takes one of: "
                + String.join(", ", FORMATS)
                + ")");
      }
      xml = format.equals("xml");
      String cibXml = backend.cibXml();
      Document doc = parse(cibXml);
      Transition t;
      try {
        t = Simulator.schedule(doc, now.toLocalDateTime());
      } catch (Exception e) {
        throw new ToolException(
            ExitCodes.DATAERR, TOOL + ": cannot read the CIB: " + e.getMessage());
      }
      if (xml || format.equals("json")) {
        ToolResult r = xmlResult.ok(new CrmMonXml(doc, t.model(), now).body());
        return xml ? r : ToolResult.ok(CrmMonJson.of(r.stdout()));
      }
      List<String> failed = FailedActions.lines(doc, now.getZone());
      String text =
          summary(doc, Counts.of(doc, t.model()), now)
              + "\n"
              + body(t.status(false), p.has("inactive"));
      if (!failed.isEmpty()) {
        text += "\nFailed Resource Actions:\n" + String.join("\n", failed) + "\n";
      }
      return ToolResult.ok(text);
    } catch (ToolException e) {
      return xml ? xmlResult.error(e) : ToolResult.error(e.exitCode(), e.getMessage() + "\n");
    }
  }

  /** What {@code --output-as} takes: crm_mon's text and XML, and the same data as JSON. */
  static final List<String> FORMATS = List.of("text", "console", "xml", "json");

  static String summary(Document doc, Counts counts, ZonedDateTime now) {
    Element cib = doc.getDocumentElement();
    String stack = option(doc, "cluster-infrastructure");
    StringBuilder sb =
        new StringBuilder("Cluster Summary:\n  * Stack: ")
            .append(stack == null ? "unknown" : stack)
            .append('\n');
    String dcUuid = cib.getAttribute("dc-uuid");
    String dcName = null;
    NodeList ns = doc.getElementsByTagName("node");
    for (int i = 0; i < ns.getLength(); i++) {
      Element n = (Element) ns.item(i);
      if (n.getParentNode() instanceof Element parent
          && parent.getTagName().equals("nodes")
          && n.getAttribute("id").equals(dcUuid)) {
        dcName = n.getAttribute("uname");
      }
    }
    if (dcName == null || dcName.isEmpty()) {
      sb.append("  * Current DC: NONE\n");
    } else {
      String version = option(doc, "dc-version");
      sb.append("  * Current DC: ")
          .append(dcName)
          .append(" (version ")
          .append(version == null ? "unknown" : version)
          .append(")")
          .append(" - partition ")
          .append(isTrue(cib.getAttribute("have-quorum")) ? "with" : "WITHOUT")
          .append(" quorum\n");
    }
    sb.append("  * Last updated: ").append(CTIME.format(now)).append('\n');
    String written = cib.getAttribute("cib-last-written");
    if (!written.isEmpty()) {
      sb.append("  * Last change:  ").append(written);
      String user = cib.getAttribute("update-user");
      if (!user.isEmpty()) {
        sb.append(" by ").append(user);
      }
      String client = cib.getAttribute("update-client");
      if (!client.isEmpty()) {
        sb.append(" via ").append(client);
      }
      String origin = cib.getAttribute("update-origin");
      if (!origin.isEmpty()) {
        sb.append(" on ").append(origin);
      }
      sb.append('\n');
    }
    int nodes = counts.nodes();
    sb.append("  * ").append(nodes).append(nodes == 1 ? " node" : " nodes").append(" configured\n");
    int instances = counts.instances();
    sb.append("  * ")
        .append(instances)
        .append(instances == 1 ? " resource instance" : " resource instances")
        .append(" configured");
    List<String> notes = new ArrayList<>();
    if (counts.disabled() > 0) {
      notes.add(counts.disabled() + " DISABLED");
    }
    if (counts.blocked() > 0) {
      notes.add(counts.blocked() + " BLOCKED from further action due to failure");
    }
    if (!notes.isEmpty()) {
      sb.append(" (").append(String.join(", ", notes)).append(')');
    }
    sb.append('\n');
    // crm_mon's banner when the cluster manages nothing, or keeps everything stopped.
    String maintenance = option(doc, "maintenance-mode");
    String stopAll = option(doc, "stop-all-resources");
    if (maintenance != null && isTrue(maintenance)) {
      sb.append("\n              *** Resource management is DISABLED ***\n")
          .append("  The cluster will not attempt to start, stop or recover services\n");
    } else if (stopAll != null && isTrue(stopAll)) {
      sb.append("\n    *** Resource management is DISABLED ***\n")
          .append("  The cluster will keep all resources stopped\n");
    }
    return sb.toString();
  }

  /**
   * What the summary counts: nodes (cluster, remote and guest), resource instances (each clone's
   * primitives once per instance, plus the connection Pacemaker makes for each guest node), and how
   * many of those are disabled or blocked.
   */
  record Counts(int nodes, int instances, int disabled, int blocked) {
    static Counts of(Document doc, StatusModel model) {
      int guests = 0;
      for (StatusModel.NodeStatus n : model.nodes()) {
        if (n.container() != null) {
          guests++;
        }
      }
      int[] flags = new int[2];
      model.resources().forEach(r -> count(r, flags));
      return new Counts(
          model.nodes().size(),
          CrmMon.instances(doc, configuredNodes(doc)) + guests,
          flags[0],
          flags[1]);
    }

    private static void count(StatusModel.Resource r, int[] flags) {
      if (r instanceof StatusModel.PrimitiveStatus p) {
        if ("stopped".equalsIgnoreCase(p.targetRole())) {
          flags[0]++;
        }
        if (p.blocked()) {
          flags[1]++;
        }
      } else if (r instanceof StatusModel.GroupStatus g) {
        g.members().forEach(m -> count(m, flags));
      } else if (r instanceof StatusModel.CloneStatus c) {
        c.instances().forEach(m -> count(m, flags));
      }
    }
  }

  /** The nodes of the configuration's nodes section. */
  static int configuredNodes(Document doc) {
    int nodes = 0;
    NodeList ns = doc.getElementsByTagName("node");
    for (int i = 0; i < ns.getLength(); i++) {
      if (ns.item(i).getParentNode() instanceof Element parent
          && parent.getTagName().equals("nodes")) {
        nodes++;
      }
    }
    return nodes;
  }

  /** Primitives, counting each clone's primitives once per instance (clone-max, default: nodes). */
  static int instances(Document doc, int nodes) {
    int count = 0;
    NodeList prims = doc.getElementsByTagName("primitive");
    for (int i = 0; i < prims.getLength(); i++) {
      Element p = (Element) prims.item(i);
      int times = 1;
      for (org.w3c.dom.Node up = p.getParentNode();
          up instanceof Element e;
          up = e.getParentNode()) {
        if (e.getTagName().equals("clone") || e.getTagName().equals("master")) {
          String max = meta(e, "clone-max");
          times *= max == null ? nodes : Integer.parseInt(max.trim());
        }
      }
      count += times;
    }
    return count;
  }

  private static String meta(Element e, String name) {
    NodeList nv = e.getElementsByTagName("nvpair");
    for (int i = 0; i < nv.getLength(); i++) {
      Element n = (Element) nv.item(i);
      if (n.getParentNode() instanceof Element set
          && set.getTagName().equals("meta_attributes")
          && set.getParentNode() == e
          && n.getAttribute("name").equals(name)) {
        return n.getAttribute("value");
      }
    }
    return null;
  }

  /** Pacemaker's booleans: true, on, yes, y, 1 (any case). */
  static boolean isTrue(String v) {
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true", "on", "yes", "y", "1" -> true;
      default -> false;
    };
  }

  static String option(Document doc, String name) {
    NodeList nv = doc.getElementsByTagName("nvpair");
    for (int i = 0; i < nv.getLength(); i++) {
      Element n = (Element) nv.item(i);
      if (n.getAttribute("name").equals(name)
          && n.getParentNode() instanceof Element set
          && set.getTagName().equals("cluster_property_set")) {
        return n.getAttribute("value");
      }
    }
    return null;
  }

  /**
   * crm_simulate's status block as crm_mon lays it out: one level less indented; without {@code -r}
   * only active resources, as "Active Resources".
   */
  static String body(String status, boolean inactive) {
    List<String> lines = new ArrayList<>();
    for (String l : status.split("\n", -1)) {
      String shifted = l.startsWith("  ") ? l.substring(2) : l;
      // crm_simulate's section bullets ("  * Node List:") are crm_mon's headings ("Node List:").
      lines.add(shifted.startsWith("* ") ? shifted.substring(2) : shifted);
      if (shifted.startsWith("  * GuestOnline: [")) {
        // crm_simulate names the host of each guest (guest@host); crm_mon only with -R.
        lines.set(lines.size() - 1, shifted.replaceAll("@\\S+", ""));
      }
    }
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
      lines.remove(lines.size() - 1);
    }
    int res = lines.indexOf("Full List of Resources:");
    if (res < 0) {
      return String.join("\n", lines) + "\n";
    }
    List<String> out = new ArrayList<>(lines.subList(0, res));
    List<String> resources = lines.subList(res + 1, lines.size());
    if (inactive) {
      out.add("Full List of Resources:");
      out.addAll(resources);
      if (resources.isEmpty()) {
        out.add("  * No resources");
      }
    } else {
      out.add("Active Resources:");
      List<String> active = activeOnly(resources);
      out.addAll(active.isEmpty() ? List.of("  * No active resources") : active);
    }
    return String.join("\n", out) + "\n";
  }

  /** Drops stopped resources, stopped-instance lists, and containers left empty. */
  static List<String> activeOnly(List<String> lines) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      i = keep(lines, i, out);
    }
    return out;
  }

  /**
   * Copies the entry at {@code i} (with its children) if anything in it is active; returns next.
   */
  private static int keep(List<String> lines, int i, List<String> out) {
    String line = lines.get(i);
    int depth = indent(line);
    int end = i + 1;
    while (end < lines.size() && indent(lines.get(end)) > depth) {
      end++;
    }
    if (end == i + 1) {
      if (!inactiveLeaf(line)) {
        out.add(line);
      }
      return end;
    }
    List<String> children = new ArrayList<>();
    int j = i + 1;
    while (j < end) {
      j = keep(lines, j, children);
    }
    if (!children.isEmpty()) {
      out.add(line);
      out.addAll(children);
    }
    return end;
  }

  private static boolean inactiveLeaf(String line) {
    String t = line.trim();
    return t.endsWith("Stopped")
        || t.contains("\t Stopped")
        || t.startsWith("* Stopped:")
        || t.startsWith("* Stopped (disabled):");
  }

  private static int indent(String line) {
    int n = 0;
    while (n < line.length() && line.charAt(n) == ' ') {
      n++;
    }
    return n;
  }

  private static Document parse(String xml) throws ToolException {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return f.newDocumentBuilder()
          .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new ToolException(
          ExitCodes.DATAERR, TOOL + ": the CIB is not readable XML: " + e.getMessage());
    }
  }

  static final String HELP =
      """
      Usage:
        crm_mon [OPTION?]

      Provides a summary of cluster's current state.

        -1, --one-shot        display the cluster status once and exit (the only mode here)
        -r, --inactive        display inactive resources too
        --output-as=FORMAT    text (default), xml (crm_mon's XML), or json (the same data)
        -X, --as-xml          the same as --output-as=xml
      """;
}
