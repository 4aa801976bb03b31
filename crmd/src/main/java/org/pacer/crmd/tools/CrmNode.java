package org.pacer.crmd.tools;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@code crm_node}: this node's name and id, the node list, the partition and quorum. */
final class CrmNode {

  static final String TOOL = "crm_node";

  private CrmNode() {}

  static ToolResult run(List<String> args, ToolBackend backend) {
    try {
      ArgParser.Parsed p =
          new ArgParser(TOOL)
              .flag('i', "cluster-id")
              .flag('l', "list")
              .flag('n', "name")
              .flag('p', "partition")
              .flag('q', "quorum")
              .value('N', "name-for-id")
              .value('R', "remove")
              .flag('f', "force")
              .flag('Q', "quiet")
              .flag('V', "verbose")
              .flag('$', "version")
              .flag('h', "help")
              .parse(args);
      if (p.has("help")) {
        return ToolResult.ok(HELP);
      }
      if (p.has("version")) {
        return ToolResult.ok(Tools.VERSION_LINE + "\n");
      }
      String command = p.order.isEmpty() ? null : null;
      for (String o : p.order) {
        if (List.of("cluster-id", "list", "name", "partition", "quorum", "name-for-id", "remove")
            .contains(o)) {
          command = o;
        }
      }
      if (command == null) {
        throw new ToolException(ExitCodes.USAGE, TOOL + ": No command specified");
      }
      return switch (command) {
        case "name" -> ToolResult.ok(backend.localNodeName() + "\n");
        case "cluster-id" -> ToolResult.ok(backend.localNodeId() + "\n");
        case "quorum" -> ToolResult.ok((backend.quorate() ? "1" : "0") + "\n");
        case "partition" -> ToolResult.ok(String.join(" ", backend.partition()) + "\n");
        case "list" -> {
          List<ToolBackend.NodeEntry> nodes = new ArrayList<>(backend.nodes());
          nodes.sort(Comparator.comparing(ToolBackend.NodeEntry::id, CrmNode::compareIds));
          StringBuilder sb = new StringBuilder();
          for (ToolBackend.NodeEntry n : nodes) {
            sb.append(n.id())
                .append(' ')
                .append(n.name())
                .append(' ')
                .append(n.member() ? "member" : "lost")
                .append('\n');
          }
          yield ToolResult.ok(sb.toString());
        }
        case "name-for-id" -> {
          String id = p.get("name-for-id");
          for (ToolBackend.NodeEntry n : backend.nodes()) {
            if (n.id().equals(id)) {
              yield ToolResult.ok(n.name() + "\n");
            }
          }
          throw new ToolException(ExitCodes.NOSUCH, TOOL + ": Could not find a node with id " + id);
        }
        default ->
            throw new ToolException(
                ExitCodes.ERROR,
                TOOL
                    + ": removing a node is done with 'crm cluster remove' in Pacer;"
                    + " crm_node --remove is not supported");
      };
    } catch (ToolException e) {
      return ToolResult.error(e.exitCode(), e.getMessage() + "\n");
    }
  }

  /** Numeric ids in numeric order, others after them in text order. */
  static int compareIds(String a, String b) {
    boolean na = a.chars().allMatch(Character::isDigit) && !a.isEmpty();
    boolean nb = b.chars().allMatch(Character::isDigit) && !b.isEmpty();
    if (na && nb) {
      return Long.compare(Long.parseLong(a), Long.parseLong(b));
    }
    return na ? -1 : nb ? 1 : a.compareTo(b);
  }

  static final String HELP =
      """
      Usage:
        crm_node [OPTION?]

      crm_node - Tool for displaying low-level node information

        -i, --cluster-id        this node's cluster id
        -l, --list              every known node: ID NAME member|lost
        -n, --name              this node's name
        -p, --partition         the members of this partition
        -q, --quorum            1 if this partition has quorum, 0 if not
        -N, --name-for-id=ID    the name of the node with this id
      """;
}
