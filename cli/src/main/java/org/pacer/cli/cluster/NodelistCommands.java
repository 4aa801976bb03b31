package org.pacer.cli.cluster;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Callable;
import org.pacer.cli.cluster.CorosyncConfText.NewCluster;
import org.pacer.cli.cluster.CorosyncConfText.Node;
import org.pacer.membership.config.ClusterConfigReader;
import org.pacer.membership.config.ConfException;
import org.pacer.membership.config.NodeEntry;
import org.pacer.messaging.paths.NodePaths;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code crm cluster init|join|remove}: write a new cluster's corosync.conf and authkey, add a node
 * to the nodelist, remove one. They edit this node's files only and print what to copy where: no
 * ssh, so the operator (or their configuration management) moves the files.
 */
final class NodelistCommands {

  /** Authkey size: corosync-keygen's default, within what the ring accepts (128-1024 bytes). */
  static final int AUTHKEY_BYTES = 256;

  private NodelistCommands() {}

  /** A failure the operator can fix, printed as one line and exit 1. */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  abstract static class Base implements Callable<Integer> {
    @CommandLine.Mixin ClusterCommand.NodeOptions node = new ClusterCommand.NodeOptions();
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    abstract int run(NodePaths paths, PrintWriter out) throws Refused, IOException;

    @Override
    public Integer call() throws IOException {
      try {
        return run(node.paths(), spec.commandLine().getOut());
      } catch (Refused e) {
        spec.commandLine().getErr().println("crm cluster " + spec.name() + ": " + e.getMessage());
        return 1;
      }
    }

    static String read(Path conf) throws Refused, IOException {
      try {
        return Files.readString(conf, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw new Refused(
            conf
                + " does not exist: this node is in no cluster yet (crm cluster init creates one)");
      }
    }

    /** Writes an edited corosync.conf and says when the edit switched two-node mode. */
    static void replace(Path conf, String before, String after, PrintWriter out)
        throws IOException {
      writeAtomically(conf, after.getBytes(StandardCharsets.UTF_8), null);
      boolean was;
      boolean is;
      try {
        was = ClusterConfigReader.read(conf.toString(), before).quorum().twoNode();
        is = ClusterConfigReader.read(conf.toString(), after).quorum().twoNode();
      } catch (ConfException e) {
        throw new IllegalStateException("both were read before writing", e);
      }
      if (!was && is) {
        out.println(
            "quorum: two_node: 1 added, so that one of the two nodes keeps quorum when the other"
                + " is lost (both wait for each other at start: wait_for_all).");
      } else if (was && !is) {
        out.println("quorum: two_node removed: it applies to two-node clusters only.");
      }
    }

    static void printCopies(PrintWriter out, Path conf, List<String> to) {
      if (to.isEmpty()) {
        return;
      }
      out.println(
          "Copy " + conf + " to /etc/pacer/corosync.conf on " + String.join(", ", to) + ",");
      out.println(
          "then restart Pacer there (crm cluster stop; crm cluster start): the nodelist is read at"
              + " start.");
    }
  }

  @Command(
      name = "init",
      mixinStandardHelpOptions = true,
      description =
          "Create a new cluster: corosync.conf (totem, nodelist with this node, quorum) and an"
              + " authkey under the node's root.")
  static final class Init extends Base {
    @Option(names = "--name", description = "Cluster name (default: ${DEFAULT-VALUE}).")
    String cluster = "hacluster";

    @Option(names = "--node", description = "This node's name (default: the host name).")
    String name;

    @Option(names = "--addr", required = true, description = "This node's ring0 address.")
    String address;

    @Option(names = "--nodeid", description = "This node's id (default: ${DEFAULT-VALUE}).")
    int nodeId = 1;

    @Option(names = "--transport", description = "knet, udpu or udp (default: ${DEFAULT-VALUE}).")
    String transport = "knet";

    @Option(names = "--port", description = "The ring's UDP port (default: ${DEFAULT-VALUE}).")
    int port = 5405;

    @Option(
        names = "--token",
        paramLabel = "MS",
        description = "Totem token timeout in ms (default: Corosync's, 3000).")
    Long tokenMs;

    @Option(names = "--force", description = "Replace an existing corosync.conf and authkey.")
    boolean force;

    @Override
    int run(NodePaths paths, PrintWriter out) throws Refused, IOException {
      Path conf = paths.corosyncConf();
      Path key = paths.authkey();
      if (!force) {
        for (Path p : List.of(conf, key)) {
          if (Files.exists(p)) {
            throw new Refused(
                p
                    + " already exists: this node already belongs to a cluster (--force replaces it"
                    + " and cuts this node off from that cluster)");
          }
        }
      }
      String nodeName = name != null ? name : NodeName.local();
      String text;
      try {
        text =
            CorosyncConfText.create(
                new NewCluster(
                    cluster, new Node(nodeName, nodeId, address), transport, port, tokenMs));
      } catch (ConfException e) {
        throw new Refused(e.getMessage());
      }
      Files.createDirectories(paths.etcDir());
      byte[] secret = new byte[AUTHKEY_BYTES];
      new SecureRandom().nextBytes(secret);
      writeAtomically(key, secret, "r--------");
      writeAtomically(conf, text.getBytes(StandardCharsets.UTF_8), "rw-r--r--");
      out.println(
          "Created cluster "
              + cluster
              + " with node "
              + nodeName
              + " (nodeid "
              + nodeId
              + ", "
              + address
              + "):");
      out.println("  " + conf);
      out.println("  " + key + " (" + AUTHKEY_BYTES + " random bytes, readable by its owner only)");
      out.println("Add nodes here with: crm cluster join --node NAME --addr ADDRESS");
      out.println("Start this node with: crm cluster start");
      return 0;
    }
  }

  @Command(
      name = "join",
      mixinStandardHelpOptions = true,
      description =
          "Add a node to this node's corosync.conf (run it on a node of the cluster) and print"
              + " which files to copy to the new node and to the others.")
  static final class Join extends Base {
    @Option(names = "--node", required = true, description = "The new node's name.")
    String name;

    @Option(names = "--addr", required = true, description = "The new node's ring0 address.")
    String address;

    @Option(names = "--nodeid", description = "The new node's id (default: the next free one).")
    Integer nodeId;

    @Override
    int run(NodePaths paths, PrintWriter out) throws Refused, IOException {
      Path conf = paths.corosyncConf();
      String text = read(conf);
      String updated;
      List<NodeEntry> others;
      int id;
      try {
        id = nodeId != null ? nodeId : CorosyncConfText.nextNodeId(conf.toString(), text);
        others = ClusterConfigReader.read(conf.toString(), text).nodes();
        updated = CorosyncConfText.addNode(conf.toString(), text, new Node(name, id, address));
      } catch (ConfException | IllegalArgumentException e) {
        throw new Refused(e.getMessage());
      }
      if (!Files.exists(paths.authkey())) {
        throw new Refused(
            paths.authkey() + " does not exist: the new node needs the cluster's key to be heard");
      }
      replace(conf, text, updated, out);
      out.println(
          "Added node "
              + name
              + " (nodeid "
              + id
              + ", "
              + address
              + ") to "
              + conf
              + "; the cluster has "
              + (others.size() + 1)
              + " nodes.");
      out.println("On " + name + ", as the user that runs Pacer:");
      out.println("  copy " + conf + " to /etc/pacer/corosync.conf");
      out.println("  copy " + paths.authkey() + " to /etc/pacer/authkey (mode 0400)");
      out.println("  crm cluster start");
      printCopies(out, conf, others.stream().map(NodeEntry::name).toList());
      return 0;
    }
  }

  @Command(
      name = "remove",
      mixinStandardHelpOptions = true,
      description =
          "Remove a node from this node's corosync.conf and print where to copy the result.")
  static final class Remove extends Base {
    @Option(
        names = {"--node", "-c"},
        required = true,
        description = "The node to remove.")
    String name;

    @Override
    int run(NodePaths paths, PrintWriter out) throws Refused, IOException {
      Path conf = paths.corosyncConf();
      String text = read(conf);
      String updated;
      List<String> remaining;
      try {
        updated = CorosyncConfText.removeNode(conf.toString(), text, name);
        remaining =
            ClusterConfigReader.read(conf.toString(), updated).nodes().stream()
                .map(NodeEntry::name)
                .toList();
      } catch (ConfException | IllegalArgumentException e) {
        throw new Refused(e.getMessage());
      }
      replace(conf, text, updated, out);
      out.println(
          "Removed node "
              + name
              + " from "
              + conf
              + "; the cluster has "
              + remaining.size()
              + " nodes: "
              + String.join(" ", remaining)
              + ".");
      out.println("Stop Pacer on " + name + " first if it still runs (crm cluster stop there).");
      printCopies(out, conf, remaining);
      return 0;
    }
  }

  /**
   * Temp file in the same directory, then rename: a reader sees the old file or the new one, never
   * a part, and a failure leaves the old file as it was.
   *
   * @param mode POSIX permissions for a new file, or null to keep the old file's
   */
  static void writeAtomically(Path file, byte[] content, String mode) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    String perms = mode;
    if (perms == null) {
      perms =
          Files.exists(file)
              ? PosixFilePermissions.toString(Files.getPosixFilePermissions(file))
              : "rw-r--r--";
    }
    Files.createFile(
        tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.write(tmp, content);
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(perms));
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
