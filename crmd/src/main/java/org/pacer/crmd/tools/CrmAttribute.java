package org.pacer.crmd.tools;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pacer.crmd.tools.ToolBackend.Nvpair;
import org.pacer.crmd.tools.ToolBackend.Scope;

/**
 * {@code crm_attribute}: query, set and delete cluster options and node attributes, with
 * Pacemaker's options, output and exit codes. {@code --promotion} (and {@code crm_master}) work on
 * the promotion score {@code master-RESOURCE} of the resource named by the agent's {@code
 * OCF_RESOURCE_INSTANCE}.
 */
final class CrmAttribute {

  static final String TOOL = "crm_attribute";

  private CrmAttribute() {}

  static ArgParser parser(String tool) {
    return new ArgParser(tool)
        .value('n', "name")
        .value('v', "update")
        .flag('G', "query")
        .flag('D', "delete")
        .value('N', "node")
        .value('l', "lifetime")
        .value('t', "type")
        .value('s', "set-name")
        .value('i', "id")
        .value('d', "default")
        .flag('q', "quiet")
        .optionalValue('p', "promotion")
        .value('P', "pattern")
        .flag('z', "utilization")
        .flag('V', "verbose")
        .flag('$', "version")
        .flag('h', "help")
        .value('\0', "output-as")
        .value('\0', "output-to");
  }

  static ToolResult run(List<String> args, Map<String, String> env, ToolBackend backend) {
    XmlResult xml = null;
    try {
      ArgParser.Parsed p = parser(TOOL).parse(args);
      if ("xml".equals(p.get("output-as"))) {
        xml = new XmlResult(TOOL, args);
      } else if (p.has("output-as") && !"text".equals(p.get("output-as"))) {
        throw new ToolException(
            ExitCodes.USAGE, TOOL + ": Invalid output format '" + p.get("output-as") + "'");
      }
      if (p.has("help")) {
        return ToolResult.ok(HELP);
      }
      if (p.has("version")) {
        return ToolResult.ok(Tools.VERSION_LINE + "\n");
      }
      String name = p.get("name");
      String lifetime = p.get("lifetime");
      if (p.has("promotion")) {
        String rsc = p.get("promotion");
        if (rsc == null || rsc.isEmpty()) {
          rsc = env.get("OCF_RESOURCE_INSTANCE");
        }
        if (rsc == null || rsc.isEmpty()) {
          throw new ToolException(
              ExitCodes.USAGE,
              TOOL
                  + ": -p/--promotion must be called from an OCF resource agent or with a"
                  + " resource ID specified");
        }
        name = "master-" + rsc;
        if (lifetime == null) {
          lifetime = "reboot";
        }
      }
      if (p.has("pattern") || p.has("utilization")) {
        throw new ToolException(
            ExitCodes.ERROR, TOOL + ": --pattern and --utilization are not supported by Pacer yet");
      }
      Scope scope = scope(p.get("type"), p.has("node") || lifetime != null, lifetime);
      String nodeId = null;
      if (scope != Scope.CRM_CONFIG) {
        String node = p.has("node") ? p.get("node") : backend.localNodeName();
        nodeId = backend.nodeIdOf(node);
      }
      String command = "query";
      for (String o : p.order) {
        if (o.equals("update") || o.equals("delete") || o.equals("query")) {
          command = o;
        }
      }
      String set = p.get("set-name");
      switch (command) {
        case "update" -> {
          require(name);
          backend.set(scope, nodeId, set, name, p.get("update"));
          return xml != null ? xml.ok("") : ToolResult.ok("");
        }
        case "delete" -> {
          require(name);
          Optional<Nvpair> gone = backend.delete(scope, nodeId, set, name);
          String text =
              gone.map(
                      nv ->
                          "Deleted "
                              + scope.word
                              + (scope == Scope.CRM_CONFIG ? " option: " : " attribute: ")
                              + "id="
                              + nv.id()
                              + " name="
                              + nv.name()
                              + "\n")
                  .orElse("");
          return xml != null ? xml.ok("") : ToolResult.ok(text);
        }
        default -> {
          Optional<Nvpair> found =
              name == null ? Optional.empty() : backend.get(scope, nodeId, set, name);
          String value = found.map(Nvpair::value).orElse(p.get("default"));
          if (value == null) {
            throw new ToolException(
                ExitCodes.NOSUCH, TOOL + ": Error performing operation: No such device or address");
          }
          if (xml != null) {
            return xml.ok(
                "  <attribute name=\""
                    + XmlResult.escape(name)
                    + "\" value=\""
                    + XmlResult.escape(value)
                    + "\" scope=\""
                    + scope.word
                    + "\"/>\n");
          }
          if (p.has("quiet")) {
            return ToolResult.ok(value + "\n");
          }
          return ToolResult.ok("scope=" + scope.word + "  name=" + name + " value=" + value + "\n");
        }
      }
    } catch (ToolException e) {
      return xml != null ? xml.error(e) : ToolResult.error(e.exitCode(), e.getMessage() + "\n");
    }
  }

  private static void require(String name) throws ToolException {
    if (name == null || name.isEmpty()) {
      throw new ToolException(ExitCodes.USAGE, TOOL + ": Command requires --name argument");
    }
  }

  private static Scope scope(String type, boolean nodeAttribute, String lifetime)
      throws ToolException {
    if (type != null) {
      return switch (type) {
        case "crm_config" -> Scope.CRM_CONFIG;
        case "nodes" -> Scope.NODES;
        case "status" -> Scope.STATUS;
        case "rsc_defaults", "op_defaults", "tickets" ->
            throw new ToolException(
                ExitCodes.ERROR, TOOL + ": the " + type + " section is not supported by Pacer yet");
        default ->
            throw new ToolException(
                ExitCodes.USAGE,
                TOOL
                    + ": Invalid --type '"
                    + type
                    + "' (valid: crm_config, rsc_defaults, op_defaults, tickets, nodes, status)");
      };
    }
    if (!nodeAttribute) {
      return Scope.CRM_CONFIG;
    }
    if (lifetime == null || lifetime.equals("forever")) {
      return Scope.NODES;
    }
    if (lifetime.equals("reboot")) {
      return Scope.STATUS;
    }
    // Pacemaker exits 76 here ("No message of desired type"); the code stays, the text says why.
    throw new ToolException(
        ExitCodes.PROTOCOL,
        TOOL + ": Invalid --lifetime '" + lifetime + "' (valid: reboot, forever)");
  }

  static final String HELP =
      """
      Usage:
        crm_attribute [OPTION?]

      crm_attribute - query and update Pacemaker cluster options and node attributes

        -n, --name=NAME          the attribute or option to work on
        -v, --update=VALUE       set its value
        -G, --query              show its value (the default command)
        -D, --delete             remove it
        -N, --node=NODE          a node attribute of NODE (default: this node when -l is given)
        -l, --lifetime=LIFETIME  reboot (transient, status section) or forever (nodes section)
        -t, --type=SECTION       crm_config, nodes or status
        -p, --promotion[=RSC]    the promotion score of RSC (default: $OCF_RESOURCE_INSTANCE);
                                 implies --lifetime=reboot
        -s, --set-name=NAME      the attribute set to use
        -d, --default=VALUE      the value to show when none is set
        -q, --quiet              print only the value
        --output-as=FORMAT       text (default) or xml
      """;
}
