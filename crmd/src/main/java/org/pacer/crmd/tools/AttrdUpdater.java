package org.pacer.crmd.tools;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pacer.crmd.graph.TimeSpec;

/**
 * {@code attrd_updater}: set, query and unset transient node attributes through the replicated
 * attribute store, with dampening; Pacemaker's options, output and exit codes.
 */
final class AttrdUpdater {

  static final String TOOL = "attrd_updater";

  private AttrdUpdater() {}

  static ToolResult run(List<String> args, ToolBackend backend) {
    try {
      ArgParser.Parsed p =
          new ArgParser(TOOL)
              .value('n', "name")
              .value('U', "update")
              .value('B', "update-both")
              .flag('Y', "update-delay")
              .flag('Q', "query")
              .flag('D', "delete")
              .flag('R', "refresh")
              .value('d', "delay")
              .value('s', "set")
              .value('N', "node")
              .flag('A', "all")
              .value('l', "lifetime")
              .flag('p', "private")
              .flag('V', "verbose")
              .flag('$', "version")
              .flag('h', "help")
              .value('\0', "output-as")
              .parse(args);
      if (p.has("help")) {
        return ToolResult.ok(HELP);
      }
      if (p.has("version")) {
        return ToolResult.ok(Tools.VERSION_LINE + "\n");
      }
      String command = null;
      for (String o : p.order) {
        if (List.of("update", "update-both", "update-delay", "query", "delete", "refresh")
            .contains(o)) {
          command = o;
        }
      }
      if (command == null) {
        throw new ToolException(ExitCodes.USAGE, TOOL + ": Must specify a command");
      }
      if (command.equals("refresh")) {
        // The DC rewrites every attribute after each join; a refresh has nothing more to force.
        return ToolResult.ok("");
      }
      String name = p.get("name");
      if (name == null || name.isEmpty()) {
        throw new ToolException(ExitCodes.USAGE, TOOL + ": Command requires --name argument");
      }
      Long dampen = null;
      if (p.has("delay")) {
        try {
          dampen = TimeSpec.parseMillis(p.get("delay"), false);
        } catch (IllegalArgumentException e) {
          throw new ToolException(ExitCodes.USAGE, TOOL + ": Invalid --delay: " + e.getMessage());
        }
      }
      if ((command.equals("update-both") || command.equals("update-delay")) && dampen == null) {
        throw new ToolException(ExitCodes.USAGE, TOOL + ": Command requires --delay argument");
      }
      String node = p.has("node") ? p.get("node") : backend.localNodeName();
      switch (command) {
        case "query" -> {
          return query(name, p.has("all") ? null : node, backend);
        }
        case "update" -> update(backend, node, name, p.get("update"), dampen, p, command);
        case "update-both" -> update(backend, node, name, p.get("update-both"), dampen, p, command);
        case "update-delay" -> update(backend, node, name, null, dampen, p, command);
        default -> update(backend, node, name, "", null, p, command);
      }
      return ToolResult.ok("");
    } catch (ToolException e) {
      return ToolResult.error(e.exitCode(), e.getMessage() + "\n");
    }
  }

  private static void update(
      ToolBackend backend,
      String node,
      String name,
      String value,
      Long dampen,
      ArgParser.Parsed p,
      String command)
      throws ToolException {
    backend.nodeIdOf(node);
    backend.attrdUpdate(node, name, value, dampen, p.get("set"), p.has("private"));
  }

  private static ToolResult query(String name, String node, ToolBackend backend)
      throws ToolException {
    Map<String, String> values = new TreeMap<>(backend.attrdQuery(name));
    if (node != null) {
      values.keySet().retainAll(List.of(node));
    }
    if (values.isEmpty()) {
      throw new ToolException(
          ExitCodes.NOSUCH,
          TOOL + ": Could not query value of " + name + ": attribute does not exist");
    }
    StringBuilder sb = new StringBuilder();
    values.forEach(
        (n, v) ->
            sb.append("name=\"")
                .append(name)
                .append("\" host=\"")
                .append(n)
                .append("\" value=\"")
                .append(v)
                .append("\"\n"));
    return ToolResult.ok(sb.toString());
  }

  static final String HELP =
      """
      Usage:
        attrd_updater [OPTION?]

      query and update Pacemaker node attributes

        -n, --name=NAME         the attribute's name
        -U, --update=VALUE      set its value (written to the CIB after the dampening delay)
        -B, --update-both=VALUE set its value and dampening (needs -d)
        -Y, --update-delay      set its dampening (needs -d)
        -Q, --query             show its value on this node (-A: on every node)
        -D, --delete            unset it
        -d, --delay=SECONDS     dampening: how long to wait for further changes before writing
        -N, --node=NODE         the node (default: this node)
        -s, --set=SET           the attribute set
        -p, --private           never write it to the CIB
      """;
}
