package org.pacer.cli.configure.render;

import java.util.List;
import org.w3c.dom.Element;

/**
 * The ACL shortcuts of the role command ({@code status}, {@code meta:rsc:attr}, {@code ref:id},
 * {@code type:node attribute:uname}, ...) as acl_permission attributes, and back.
 */
final class AclSpec {
  private AclSpec() {}

  static void apply(Element ap, List<String> spec) {
    for (String word : spec) {
      int colon = word.indexOf(':');
      String key = colon < 0 ? word : word.substring(0, colon);
      String arg = colon < 0 ? null : word.substring(colon + 1);
      String[] args = arg == null ? new String[0] : arg.split(":", 2);
      switch (key) {
        case "xpath" -> ap.setAttribute("xpath", arg);
        case "ref" -> ap.setAttribute("reference", arg);
        case "tag", "type" -> ap.setAttribute("object-type", arg);
        case "attribute", "attr" -> ap.setAttribute("attribute", arg);
        case "status" -> ap.setAttribute("xpath", "/cib/status");
        case "cib" -> ap.setAttribute("xpath", "/cib");
        case "property" ->
            ap.setAttribute(
                "xpath",
                arg == null
                    ? "//crm_config/cluster_property_set"
                    : "//crm_config/cluster_property_set/nvpair[@name='" + arg + "']");
        case "node" ->
            ap.setAttribute(
                "xpath", arg == null ? "//nodes/node" : "//nodes/node[@uname='" + arg + "']");
        case "nodeattr" ->
            ap.setAttribute(
                "xpath",
                arg == null
                    ? "//nodes/node/instance_attributes"
                    : "//nodes/node/instance_attributes/nvpair[@name='" + arg + "']");
        case "nodeutil" ->
            ap.setAttribute(
                "xpath",
                arg == null
                    ? "//nodes/node/utilization"
                    : "//nodes/node/utilization[@uname='" + arg + "']");
        case "meta", "params" -> {
          String set = key.equals("meta") ? "meta_attributes" : "instance_attributes";
          String x = "//primitive[@id='" + args[0] + "']/" + set;
          ap.setAttribute("xpath", args.length > 1 ? x + "/nvpair[@name='" + args[1] + "']" : x);
        }
        case "utilization" ->
            ap.setAttribute("xpath", "//primitive[@id='" + arg + "']/utilization");
        case "location" ->
            ap.setAttribute(
                "xpath", "//rsc_location[@id='cli-prefer-" + arg + "' and @rsc='" + arg + "']");
        default -> ap.setAttribute("xpath", word);
      }
    }
  }

  private static final java.util.regex.Pattern PRIMITIVE_SET =
      java.util.regex.Pattern.compile(
          "//primitive\\[@id='([^']+)'\\]/(meta_attributes|instance_attributes|utilization)"
              + "(?:/nvpair\\[@name='([^']+)'\\])?");

  /** The words of a permission, the inverse of {@link #apply}. */
  static String render(Element ap) {
    StringBuilder b = new StringBuilder();
    if (ap.hasAttribute("xpath")) {
      b.append(shortcut(ap.getAttribute("xpath")));
    }
    if (ap.hasAttribute("reference")) {
      sep(b).append("ref:").append(ap.getAttribute("reference"));
    }
    if (ap.hasAttribute("attribute")) {
      sep(b).append("attr:").append(ap.getAttribute("attribute"));
    }
    if (ap.hasAttribute("object-type")) {
      sep(b).append("type:").append(ap.getAttribute("object-type"));
    }
    return b.toString();
  }

  private static StringBuilder sep(StringBuilder b) {
    return b.length() > 0 ? b.append(' ') : b;
  }

  private static String shortcut(String x) {
    switch (x) {
      case "/cib/status":
        return "status";
      case "/cib":
        return "cib";
      case "//crm_config/cluster_property_set":
        return "property";
      case "//nodes/node":
        return "node";
      case "//nodes/node/instance_attributes":
        return "nodeattr";
      case "//nodes/node/utilization":
        return "nodeutil";
      default:
        break;
    }
    java.util.regex.Matcher m = PRIMITIVE_SET.matcher(x);
    if (m.matches()) {
      String kind =
          switch (m.group(2)) {
            case "meta_attributes" -> "meta";
            case "instance_attributes" -> "params";
            default -> "utilization";
          };
      if (m.group(3) == null) {
        return kind + ":" + m.group(1);
      }
      if (!kind.equals("utilization")) {
        return kind + ":" + m.group(1) + ":" + m.group(3);
      }
    }
    m = java.util.regex.Pattern.compile("//nodes/node\\[@uname='([^']+)'\\]").matcher(x);
    if (m.matches()) {
      return "node:" + m.group(1);
    }
    m =
        java.util.regex.Pattern.compile("//nodes/node/utilization\\[@uname='([^']+)'\\]")
            .matcher(x);
    if (m.matches()) {
      return "nodeutil:" + m.group(1);
    }
    m =
        java.util.regex.Pattern.compile(
                "//crm_config/cluster_property_set/nvpair\\[@name='([^']+)'\\]")
            .matcher(x);
    if (m.matches()) {
      return "property:" + m.group(1);
    }
    m =
        java.util.regex.Pattern.compile(
                "//nodes/node/instance_attributes/nvpair\\[@name='([^']+)'\\]")
            .matcher(x);
    if (m.matches()) {
      return "nodeattr:" + m.group(1);
    }
    m =
        java.util.regex.Pattern.compile(
                "//rsc_location\\[@id='cli-prefer-([^']+)' and @rsc='\\1'\\]")
            .matcher(x);
    if (m.matches()) {
      return "location:" + m.group(1);
    }
    return "xpath:" + Text.quote(x);
  }
}
