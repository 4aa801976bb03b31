package org.pacer.cli.cluster;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.pacer.membership.config.ClusterConfig;
import org.pacer.membership.config.ClusterConfigReader;
import org.pacer.membership.config.ConfException;
import org.pacer.membership.config.NodeEntry;

/**
 * corosync.conf as text, edited the way an operator would: a node block is added before the
 * nodelist's closing brace or cut out, and every other line (comments, order, indentation, keys
 * Pacer does not know) stays as written. Every result is read back with the membership daemon's own
 * reader ({@link ClusterConfigReader}) before it is returned, so an edit can never produce a file
 * the daemon refuses. The syntax (blocks on their own lines) is {@code ConfParser}'s.
 */
public final class CorosyncConfText {

  /** A node of the nodelist: what {@code crm cluster init|join} write. */
  public record Node(String name, int nodeId, String address) {}

  /** What {@code crm cluster init} writes for a new cluster. */
  public record NewCluster(String name, Node first, String transport, int port, Long tokenMs) {}

  private CorosyncConfText() {}

  /** The corosync.conf of a new cluster of one node, checked by the daemon's reader. */
  public static String create(NewCluster c) throws ConfException {
    StringBuilder s = new StringBuilder();
    s.append("# corosync.conf written by crm cluster init; Pacer reads Corosync's format.\n");
    s.append("totem {\n");
    s.append("    version: 2\n");
    s.append("    cluster_name: ").append(c.name()).append('\n');
    s.append("    transport: ").append(c.transport()).append('\n');
    s.append("    crypto_hash: sha256\n");
    s.append("    crypto_cipher: aes256\n");
    if (c.tokenMs() != null) {
      s.append("    token: ").append(c.tokenMs()).append('\n');
    }
    s.append("    interface {\n");
    s.append("        linknumber: 0\n");
    s.append("        mcastport: ").append(c.port()).append('\n');
    s.append("    }\n");
    s.append("}\n\n");
    s.append("nodelist {\n");
    s.append(nodeBlock(c.first(), "    ", "        "));
    s.append("}\n\n");
    s.append("quorum {\n");
    s.append("    provider: corosync_votequorum\n");
    s.append("}\n\n");
    s.append("logging {\n");
    s.append("    to_syslog: yes\n");
    s.append("    timestamp: on\n");
    s.append("}\n");
    String text = s.toString();
    check("corosync.conf", text);
    return text;
  }

  /**
   * Adds a node to the nodelist.
   *
   * @throws IllegalArgumentException naming the clash when the name, nodeid or address is taken
   */
  public static String addNode(String file, String text, Node node) throws ConfException {
    ClusterConfig before = ClusterConfigReader.read(file, text);
    for (NodeEntry existing : before.nodes()) {
      if (existing.name().equals(node.name())) {
        throw new IllegalArgumentException(
            "node " + node.name() + " is already in the nodelist of " + file);
      }
      if (existing.nodeId() == node.nodeId()) {
        throw new IllegalArgumentException(
            "nodeid " + node.nodeId() + " is already node " + existing.name() + "'s");
      }
      if (existing.addrs().contains(node.address())) {
        throw new IllegalArgumentException(
            "address " + node.address() + " is already node " + existing.name() + "'s");
      }
    }
    List<String> lines = lines(text);
    Optional<Block> nodelist = blocks(lines).stream().filter(b -> b.isTop("nodelist")).findFirst();
    List<String> out = new ArrayList<>(lines);
    if (nodelist.isPresent()) {
      String outer = "    ";
      String inner = "        ";
      Optional<Block> first = nodeBlocks(lines).stream().findFirst();
      if (first.isPresent()) {
        outer = indent(lines.get(first.get().start()));
        inner =
            first.get().end() > first.get().start() + 1
                ? indent(lines.get(first.get().start() + 1))
                : outer + "    ";
      }
      out.addAll(nodelist.get().end(), lines(nodeBlock(node, outer, inner)));
    } else {
      out.add("nodelist {");
      out.addAll(lines(nodeBlock(node, "    ", "        ")));
      out.add("}");
    }
    String result = join(bumpConfigVersion(twoNodeRule(out, before.nodes().size() + 1)));
    check(file, result);
    return result;
  }

  /**
   * Removes a node from the nodelist.
   *
   * @throws IllegalArgumentException when no node has that name, or it is the last one
   */
  public static String removeNode(String file, String text, String name) throws ConfException {
    ClusterConfig before = ClusterConfigReader.read(file, text);
    if (before.nodeNamed(name).isEmpty()) {
      throw new IllegalArgumentException(
          "no node named "
              + name
              + " in the nodelist of "
              + file
              + " (nodes: "
              + String.join(" ", before.nodes().stream().map(NodeEntry::name).toList())
              + ")");
    }
    if (before.nodes().size() == 1) {
      throw new IllegalArgumentException(
          name + " is the only node of " + file + "; a cluster needs at least one node");
    }
    List<String> lines = lines(text);
    List<String> out = new ArrayList<>(lines);
    for (Block b : nodeBlocks(lines)) {
      if (name.equals(nodeName(lines, b))) {
        out.subList(b.start(), b.end() + 1).clear();
        break;
      }
    }
    String result = join(bumpConfigVersion(twoNodeRule(out, before.nodes().size() - 1)));
    check(file, result);
    return result;
  }

  /** The next free nodeid: one more than the highest in use. */
  public static int nextNodeId(String file, String text) throws ConfException {
    return ClusterConfigReader.read(file, text).nodes().stream()
            .mapToInt(NodeEntry::nodeId)
            .max()
            .orElse(0)
        + 1;
  }

  private static void check(String file, String text) throws ConfException {
    ClusterConfigReader.read(file, text);
  }

  private static String nodeBlock(Node n, String outer, String inner) {
    return outer
        + "node {\n"
        + inner
        + "ring0_addr: "
        + n.address()
        + "\n"
        + inner
        + "name: "
        + n.name()
        + "\n"
        + inner
        + "nodeid: "
        + n.nodeId()
        + "\n"
        + outer
        + "}\n";
  }

  /**
   * votequorum's {@code two_node: 1} keeps a cluster of two nodes quorate when one is lost (and
   * makes both wait for each other at start); it means nothing with more nodes. As pcs does, an
   * edit that leaves two nodes adds it to the quorum section, and one that leaves another count
   * removes a {@code two_node} line. A file without a quorum section is left as it is.
   */
  private static List<String> twoNodeRule(List<String> lines, int nodes) {
    Optional<Block> quorum = blocks(lines).stream().filter(b -> b.isTop("quorum")).findFirst();
    if (quorum.isEmpty()) {
      return lines;
    }
    List<String> out = new ArrayList<>(lines);
    Integer twoNodeLine = null;
    for (int i = quorum.get().start() + 1; i < quorum.get().end(); i++) {
      if (lines.get(i).strip().startsWith("two_node:")) {
        twoNodeLine = i;
      }
    }
    if (nodes == 2 && twoNodeLine == null) {
      int end = quorum.get().end();
      String indent =
          end > quorum.get().start() + 1
              ? indent(lines.get(quorum.get().start() + 1))
              : indent(lines.get(quorum.get().start())) + "    ";
      out.add(end, indent + "two_node: 1");
    } else if (nodes == 2) {
      out.set(twoNodeLine, indent(lines.get(twoNodeLine)) + "two_node: 1");
    } else if (twoNodeLine != null) {
      out.remove((int) twoNodeLine);
    }
    return out;
  }

  /** Corosync's own tools raise totem.config_version on every change; so does Pacer. */
  private static List<String> bumpConfigVersion(List<String> lines) {
    List<String> out = new ArrayList<>(lines);
    for (Block b : blocks(lines)) {
      if (!b.isTop("totem")) {
        continue;
      }
      int depth = 0;
      for (int i = b.start() + 1; i < b.end(); i++) {
        String s = lines.get(i).strip();
        if (s.endsWith("{") && !s.startsWith("#")) {
          depth++;
        } else if (s.equals("}")) {
          depth--;
        } else if (depth == 0 && s.startsWith("config_version:")) {
          String value = s.substring("config_version:".length()).strip();
          try {
            long next = Long.parseLong(value) + 1;
            out.set(i, indent(lines.get(i)) + "config_version: " + next);
          } catch (NumberFormatException e) {
            // The reader refuses a bad number itself; leave the line as it is.
          }
        }
      }
    }
    return out;
  }

  /** One {@code name {} ... {@code }} block: its name, nesting path and line range. */
  private record Block(String path, int start, int end) {
    boolean isTop(String name) {
      return path.equals(name);
    }
  }

  private static List<Block> nodeBlocks(List<String> lines) {
    return blocks(lines).stream().filter(b -> b.path().equals("nodelist/node")).toList();
  }

  private static String nodeName(List<String> lines, Block b) {
    String name = null;
    String ring0 = null;
    int depth = 0;
    for (int i = b.start() + 1; i < b.end(); i++) {
      String s = lines.get(i).strip();
      if (s.startsWith("#") || s.isEmpty()) {
        continue;
      }
      if (s.endsWith("{")) {
        depth++;
      } else if (s.equals("}")) {
        depth--;
      } else if (depth == 0 && s.contains(":")) {
        String key = s.substring(0, s.indexOf(':')).strip();
        String value = s.substring(s.indexOf(':') + 1).strip();
        if (key.equals("name")) {
          name = value;
        } else if (key.equals("ring0_addr")) {
          ring0 = value;
        }
      }
    }
    // A node without a name is known by its ring0 address, as the reader names it.
    return name != null ? name : ring0;
  }

  private static List<Block> blocks(List<String> lines) {
    List<Block> out = new ArrayList<>();
    Deque<String[]> open = new ArrayDeque<>();
    for (int i = 0; i < lines.size(); i++) {
      String s = lines.get(i).strip();
      if (s.isEmpty() || s.startsWith("#")) {
        continue;
      }
      if (s.endsWith("{")) {
        String name = s.substring(0, s.length() - 1).strip();
        String path = open.isEmpty() ? name : open.peek()[0] + "/" + name;
        open.push(new String[] {path, Integer.toString(i)});
      } else if (s.equals("}") && !open.isEmpty()) {
        String[] b = open.pop();
        out.add(new Block(b[0], Integer.parseInt(b[1]), i));
      }
    }
    return out;
  }

  private static String indent(String line) {
    int i = 0;
    while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
      i++;
    }
    return line.substring(0, i);
  }

  private static List<String> lines(String text) {
    List<String> out = new ArrayList<>(List.of(text.split("\r?\n", -1)));
    if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  private static String join(List<String> lines) {
    return String.join("\n", lines) + "\n";
  }
}
