package org.pacer.cli.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.cli.Crm;
import org.pacer.membership.config.ClusterConfig;
import org.pacer.membership.config.ClusterConfigReader;
import org.pacer.membership.config.NodeEntry;
import org.pacer.messaging.paths.NodePaths;
import picocli.CommandLine;

/** {@code crm cluster init|join|remove} on a node root in a temporary directory. */
class NodelistCommandsTest {

  @TempDir Path root;

  private record Run(int code, String out, String err) {}

  private Run crm(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = Crm.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--root";
    all[args.length + 1] = root.toString();
    return new Run(cmd.execute(all), out.toString(), err.toString());
  }

  private NodePaths paths() {
    return new NodePaths(root);
  }

  private ClusterConfig config() throws Exception {
    return ClusterConfigReader.read(paths().corosyncConf());
  }

  private List<String> names() throws Exception {
    return config().nodes().stream().map(NodeEntry::name).toList();
  }

  private Run init() {
    return crm(
        "cluster",
        "init",
        "--name",
        "web",
        "--node",
        "n1",
        "--addr",
        "10.0.0.1",
        "--token",
        "1000");
  }

  @Test
  void initWritesAConfigTheDaemonReadsAndAPrivateKey() throws Exception {
    Run r = init();
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("Created cluster web with node n1"), r.out());
    ClusterConfig c = config();
    assertEquals("web", c.totem().clusterName());
    assertEquals(1000, c.totem().tokenMs());
    assertEquals(List.of(new NodeEntry(1, "n1", List.of("10.0.0.1"), 1)), c.nodes());
    byte[] key = Files.readAllBytes(paths().authkey());
    assertEquals(NodelistCommands.AUTHKEY_BYTES, key.length);
    assertEquals(
        "r--------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(paths().authkey())));
    assertTrue(Files.readString(paths().corosyncConf()).contains("provider: corosync_votequorum"));
  }

  @Test
  void initRefusesAnExistingClusterUnlessForced() throws Exception {
    assertEquals(0, init().code());
    String conf = Files.readString(paths().corosyncConf());
    byte[] key = Files.readAllBytes(paths().authkey());
    Run again = init();
    assertEquals(1, again.code());
    assertTrue(again.err().contains("already exists"), again.err());
    assertTrue(again.err().contains("--force"), again.err());
    assertEquals(conf, Files.readString(paths().corosyncConf()), "nothing stored is changed");
    assertArrayEquals(key, Files.readAllBytes(paths().authkey()));

    Run forced =
        crm("cluster", "init", "--name", "other", "--node", "a", "--addr", "10.0.0.9", "--force");
    assertEquals(0, forced.code(), forced.err());
    assertEquals(List.of("a"), names());
    assertFalse(java.util.Arrays.equals(key, Files.readAllBytes(paths().authkey())), "new key");
  }

  @Test
  void initRefusesWhatTheDaemonWouldRefuse() throws Exception {
    Run r = crm("cluster", "init", "--node", "n1", "--addr", "10.0.0.1", "--transport", "carrier");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("carrier"), r.err());
    assertFalse(Files.exists(paths().corosyncConf()));
    assertFalse(Files.exists(paths().authkey()));
  }

  @Test
  void joinAddsNodesWithTheNextIdsAndSaysWhatToCopy() throws Exception {
    init();
    Run r = crm("cluster", "join", "--node", "n2", "--addr", "10.0.0.2");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("copy " + paths().authkey()), r.out());
    assertTrue(r.out().contains("on n1,"), r.out());
    assertTrue(r.out().contains("two_node: 1 added"), r.out());
    assertTrue(config().quorum().twoNode(), "two nodes keep quorum when one is lost");
    Run third = crm("cluster", "join", "--node", "n3", "--addr", "10.0.0.3");
    assertEquals(0, third.code());
    assertTrue(third.out().contains("two_node removed"), third.out());
    assertFalse(config().quorum().twoNode());
    assertFalse(Files.readString(paths().corosyncConf()).contains("two_node"));
    assertEquals(
        0, crm("cluster", "join", "--node", "n9", "--addr", "10.0.0.9", "--nodeid", "9").code());
    ClusterConfig c = config();
    assertEquals(List.of("n1", "n2", "n3", "n9"), names());
    assertEquals(List.of(1, 2, 3, 9), c.nodes().stream().map(NodeEntry::nodeId).toList());
    assertEquals(4, c.expectedVotes());
  }

  @Test
  void joinRefusesATakenNameIdOrAddressAndChangesNothing() throws Exception {
    init();
    crm("cluster", "join", "--node", "n2", "--addr", "10.0.0.2");
    String before = Files.readString(paths().corosyncConf());
    Run name = crm("cluster", "join", "--node", "n2", "--addr", "10.0.0.7");
    assertEquals(1, name.code());
    assertTrue(name.err().contains("node n2 is already in the nodelist"), name.err());
    Run id = crm("cluster", "join", "--node", "n7", "--addr", "10.0.0.7", "--nodeid", "2");
    assertEquals(1, id.code());
    assertTrue(id.err().contains("nodeid 2 is already node n2's"), id.err());
    Run addr = crm("cluster", "join", "--node", "n7", "--addr", "10.0.0.1");
    assertEquals(1, addr.code());
    assertTrue(addr.err().contains("address 10.0.0.1 is already node n1's"), addr.err());
    assertEquals(before, Files.readString(paths().corosyncConf()));
  }

  @Test
  void joinWithoutAClusterSaysToInitFirst() {
    Run r = crm("cluster", "join", "--node", "n2", "--addr", "10.0.0.2");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("crm cluster init"), r.err());
  }

  @Test
  void removeDeletesOneNodeAndKeepsTheRestOfTheFile() throws Exception {
    // A hand-written file: comments, tabs, keys Pacer does not use, a config_version.
    Files.createDirectories(paths().etcDir());
    Files.writeString(
        paths().corosyncConf(),
        String.join(
            "\n",
            "# our cluster",
            "totem {",
            "\tversion: 2",
            "\tcluster_name: web",
            "\tconfig_version: 7",
            "\tcrypto_hash: sha256",
            "}",
            "nodelist {",
            "\tnode {",
            "\t\tring0_addr: 10.0.0.1",
            "\t\tname: n1",
            "\t\tnodeid: 1",
            "\t}",
            "\t# the second one",
            "\tnode {",
            "\t\tring0_addr: 10.0.0.2",
            "\t\tname: n2",
            "\t\tnodeid: 2",
            "\t}",
            "}",
            "quorum {",
            "\tprovider: corosync_votequorum",
            "}",
            ""));
    Run r = crm("cluster", "remove", "--node", "n2");
    assertEquals(0, r.code(), r.err());
    assertFalse(r.out().contains("two_node"), "one node left: nothing to change");
    assertTrue(r.out().contains("the cluster has 1 nodes: n1"), r.out());
    String after = Files.readString(paths().corosyncConf());
    assertEquals(List.of("n1"), names());
    assertTrue(after.startsWith("# our cluster\n"), after);
    assertTrue(after.contains("\tconfig_version: 8\n"), after);
    assertFalse(after.contains("10.0.0.2"), after);

    String beforeJoin = Files.readString(paths().corosyncConf());
    Run keyless = crm("cluster", "join", "--node", "n3", "--addr", "10.0.0.3");
    assertEquals(1, keyless.code());
    assertTrue(keyless.err().contains("authkey does not exist"), keyless.err());
    assertEquals(beforeJoin, Files.readString(paths().corosyncConf()));
    Files.write(paths().authkey(), new byte[128]);
    Run join = crm("cluster", "join", "--node", "n3", "--addr", "10.0.0.3");
    assertEquals(0, join.code(), join.err());
    assertTrue(
        Files.readString(paths().corosyncConf())
            .contains("\tnode {\n\t\tring0_addr: 10.0.0.3\n\t\tname: n3\n\t\tnodeid: 2\n\t}\n"),
        "a new node is indented as the others");
    assertTrue(
        Files.readString(paths().corosyncConf())
            .contains("\tprovider: corosync_votequorum\n\ttwo_node: 1\n}"),
        Files.readString(paths().corosyncConf()));
    Run back = crm("cluster", "remove", "--node", "n3");
    assertEquals(0, back.code(), back.err());
    assertTrue(back.out().contains("two_node removed"), back.out());
  }

  @Test
  void removeRefusesAnUnknownNodeAndTheLastOne() throws Exception {
    init();
    String before = Files.readString(paths().corosyncConf());
    Run unknown = crm("cluster", "remove", "--node", "n5");
    assertEquals(1, unknown.code());
    assertTrue(unknown.err().contains("no node named n5"), unknown.err());
    assertTrue(unknown.err().contains("(nodes: n1)"), unknown.err());
    Run last = crm("cluster", "remove", "-c", "n1");
    assertEquals(1, last.code());
    assertTrue(last.err().contains("only node"), last.err());
    assertEquals(before, Files.readString(paths().corosyncConf()));
  }

  @Test
  void aBrokenConfigIsNamedNotRewritten() throws Exception {
    Files.createDirectories(paths().etcDir());
    Files.writeString(paths().corosyncConf(), "totem {\n  version: 2\n");
    Run r = crm("cluster", "join", "--node", "n2", "--addr", "10.0.0.2");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("never closed"), r.err());
    assertEquals("totem {\n  version: 2\n", Files.readString(paths().corosyncConf()));
  }
}
