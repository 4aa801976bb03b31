package org.pacer.stonithd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.stonithd.api.StonithClient;
import org.pacer.stonithd.api.StonithProtocol.FenceReply;
import org.pacer.stonithd.cli.StonithAdminCommand;
import org.pacer.stonithd.coordination.FenceState;
import org.pacer.stonithd.coordination.HistoryEntry;
import picocli.CommandLine;

/**
 * Three real nodes (pacer-membership and pacer-stonithd processes on 127.0.0.1-3) fencing each
 * other with real agents.
 */
class StonithClusterIT {

  static final List<String> NODES = List.of("node1", "node2", "node3");

  @TempDir Path dir;
  TestCluster cluster;

  @BeforeEach
  void setUp() throws Exception {
    cluster = new TestCluster(dir, NODES);
  }

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  void startAll(String cib) throws Exception {
    for (String n : NODES) {
      cluster.writeCib(n, cib);
    }
    for (String n : NODES) {
      cluster.start(n);
    }
    TestCluster.await(
        () -> NODES.stream().allMatch(n -> NODES.stream().allMatch(m -> cluster.member(n, m))),
        Duration.ofSeconds(60),
        "the three stonithd did not form one group");
  }

  record Run(int exit, String out, String err) {}

  Run stonithAdmin(String node, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl =
        new CommandLine(new StonithAdminCommand(() -> cluster.client(node), ZoneOffset.UTC));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  Run crm(String node, Object command, picocli.CommandLine.IFactory factory, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = factory == null ? new CommandLine(command) : new CommandLine(command, factory);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  List<HistoryEntry> history(String node) throws Exception {
    return cluster.client(node).history("*", false).get();
  }

  @Test
  void topologyLevelOneFailsLevelTwoSucceedsAndEveryNodeSaysSo() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/fence_dummy")), "fence-agents not installed");
    String record = dir.resolve("record.txt").toString();
    String cib =
        TestCluster.cib(
            NODES,
            TestCluster.device(
                    "broken",
                    "fence_pacer_record",
                    "record_file",
                    record,
                    "fail",
                    "reboot",
                    "pcmk_host_list",
                    "node3",
                    "pcmk_reboot_retries",
                    "1")
                + TestCluster.device(
                    "dummy",
                    "fence_dummy",
                    "status_file",
                    dir.resolve("dummy.status").toString(),
                    "pcmk_host_list",
                    "node3"),
            "<fencing-topology>"
                + "<fencing-level id=\"l1\" target=\"node3\" index=\"1\" devices=\"broken\"/>"
                + "<fencing-level id=\"l2\" target=\"node3\" index=\"2\" devices=\"dummy\"/>"
                + "</fencing-topology>");
    startAll(cib);
    // The controller's way of hearing about results: a subscription on its own node.
    java.util.concurrent.CompletableFuture<HistoryEntry> pushed =
        new java.util.concurrent.CompletableFuture<>();
    cluster.client("node2").subscribe(pushed::complete).get();
    Run run = stonithAdmin("node1", "--reboot", "node3", "--timeout", "60");
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().contains("Node node3 fenced successfully"), run.out());
    // Two attempts of level 1 (one retry), recorded by the failing agent.
    assertEquals(
        2,
        Files.readAllLines(Path.of(record)).stream()
            .filter(l -> l.contains("action=reboot"))
            .count());
    TestCluster.await(
        () -> {
          try {
            return NODES.stream()
                .allMatch(
                    n -> {
                      try {
                        return history(n).size() == 1;
                      } catch (Exception e) {
                        return false;
                      }
                    });
          } catch (RuntimeException e) {
            return false;
          }
        },
        Duration.ofSeconds(10),
        "history did not reach every node");
    HistoryEntry first = history("node1").get(0);
    for (String n : NODES) {
      assertEquals(first, history(n).get(0), "history on " + n);
    }
    assertEquals(FenceState.SUCCESS, first.state());
    assertEquals(first, pushed.get(10, java.util.concurrent.TimeUnit.SECONDS));
    assertTrue(first.reason().contains("level 1: device broken on "), first.reason());
    assertTrue(first.reason().contains("failed with exit code 1"), first.reason());
    assertTrue(first.reason().contains("level 2 (dummy) succeeded"), first.reason());
    Run last = stonithAdmin("node2", "--last", "node3");
    assertTrue(last.out().startsWith("Node node3 last fenced at: "), last.out());
    assertTrue(stonithAdmin("node2", "--last", "node1").out().contains("has never been fenced"));
    // --tolerance: the same fencing succeeded just now, so nothing runs again.
    long before = Files.readAllLines(Path.of(record)).size();
    Run again = stonithAdmin("node1", "--reboot", "node3", "--tolerance", "600");
    assertEquals(0, again.exit(), again.err());
    assertEquals(before, Files.readAllLines(Path.of(record)).size());
    assertEquals(1, history("node1").size());
    Run valid =
        stonithAdmin(
            "node1",
            "--validate",
            "-a",
            "fence_dummy",
            "-o",
            "status_file=" + dir.resolve("dummy.status"));
    assertEquals(0, valid.exit(), valid.out() + valid.err());
    assertTrue(valid.out().contains("Validation of fence_dummy passed"), valid.out());
    // The shell's commands.
    org.pacer.stonithd.cli.CrmStonithCommand stonith =
        new org.pacer.stonithd.cli.CrmStonithCommand(() -> cluster.client("node3"), ZoneOffset.UTC);
    Run crmHistory = crm("node3", stonith, stonith.factory(), "history");
    assertEquals(0, crmHistory.exit(), crmHistory.err());
    assertTrue(
        crmHistory.out().contains("  * reboot of node3 successful: delegate="), crmHistory.out());
    Run crmList = crm("node3", stonith, stonith.factory(), "list", "node3");
    assertTrue(
        crmList.out().contains(" dummy (stonith:fence_dummy)  can fence node3"), crmList.out());
    assertTrue(crmList.out().contains("2 fence devices found"), crmList.out());
    Run crmStatus = crm("node3", stonith, stonith.factory(), "status");
    assertEquals(0, crmStatus.exit(), crmStatus.out() + crmStatus.err());
    assertTrue(crmStatus.out().contains("members node1 node2 node3"), crmStatus.out());
    assertTrue(crmStatus.out().contains("dummy (stonith:fence_dummy): running"), crmStatus.out());
    Run nodeFence =
        crm(
            "node1",
            new org.pacer.stonithd.cli.CrmNodeFenceCommand(
                () -> cluster.client("node1"), ZoneOffset.UTC),
            null,
            "node3");
    assertEquals(0, nodeFence.exit(), nodeFence.err());
    assertTrue(nodeFence.out().startsWith("reboot of node3 successful"), nodeFence.out());
    Run h = stonithAdmin("node2", "--history", "*", "--verbose");
    assertEquals(0, h.exit(), h.err());
    assertTrue(h.out().contains("reboot of node3 successful: delegate="), h.out());
  }

  /** Writes the CIB on every node and waits until every daemon has device {@code id}. */
  void reconfigure(String cib, String id) throws Exception {
    for (String n : NODES) {
      cluster.writeCib(n, cib);
    }
    TestCluster.await(
        () ->
            NODES.stream()
                .allMatch(
                    n -> {
                      try {
                        return cluster
                            .client(n)
                            .devices(null, Duration.ofSeconds(5))
                            .get()
                            .devices()
                            .stream()
                            .anyMatch(d -> d.id().equals(id));
                      } catch (Exception e) {
                        return false;
                      }
                    }),
        Duration.ofSeconds(10),
        "device " + id + " not configured on every node");
  }

  @Test
  void fenceDummyWithEachHostCheck() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/fence_dummy")), "fence-agents not installed");
    String status = dir.resolve("dummy.status").toString();
    String record = dir.resolve("record.txt").toString();
    startAll(TestCluster.cib(NODES, "", ""));
    String[][] cases = {
      {
        "static",
        TestCluster.device(
            "static", "fence_dummy", "status_file", status, "pcmk_host_list", "node2")
      },
      {
        "status",
        TestCluster.device(
            "status", "fence_dummy", "status_file", status, "pcmk_host_check", "status")
      },
      {
        "none",
        TestCluster.device("none", "fence_dummy", "status_file", status, "pcmk_host_check", "none")
      },
      // fence_dummy has no list action: Pacer's recording agent shows dynamic-list instead.
      {
        "dynamic",
        TestCluster.device(
            "dynamic", "fence_pacer_record", "record_file", record, "hosts", "node1,node2,node3")
      },
    };
    for (String[] c : cases) {
      reconfigure(TestCluster.cib(NODES, c[1], ""), c[0]);
      Run list = stonithAdmin("node1", "--list", "node2");
      assertEquals(0, list.exit(), list.err());
      assertTrue(
          list.out().contains(" " + c[0] + "\n1 fence device found"), c[0] + ": " + list.out());
      Run run = stonithAdmin("node1", "--reboot", "node2", "--timeout", "60");
      assertEquals(0, run.exit(), c[0] + ": " + run.err());
      assertTrue(run.out().contains("fenced successfully"), run.out());
    }
    List<HistoryEntry> done = history("node3");
    assertEquals(4, done.stream().filter(e -> e.state() == FenceState.SUCCESS).count());
    for (String[] c : cases) {
      assertTrue(
          done.stream().anyMatch(e -> e.reason().equals("level 1 (" + c[0] + ") succeeded")),
          c[0] + " in " + done);
    }
    // fence_dummy with dynamic-list cannot say which nodes it fences: a clear refusal.
    reconfigure(
        TestCluster.cib(
            NODES,
            TestCluster.device(
                "nolist", "fence_dummy", "status_file", status, "pcmk_host_check", "dynamic-list"),
            ""),
        "nolist");
    Run run = stonithAdmin("node1", "--reboot", "node2", "--timeout", "30");
    assertEquals(105, run.exit(), run.out() + run.err());
    assertTrue(run.err().contains("no device can fence node2"), run.err());
    Run why = stonithAdmin("node1", "--list", "node2");
    assertTrue(why.out().contains("0 fence devices found"), why.out());
  }

  @Test
  void fencingWithTheKillAgentKillsTheNodeAndItsHistoryComesBack() throws Exception {
    String cib =
        TestCluster.cib(
            NODES,
            TestCluster.device("killer", "fence_pacer_kill", "roots_dir", dir.toString()),
            "");
    startAll(cib);
    long pid = cluster.daemons.get("node3").pid();
    StonithClient client = cluster.client("node1");
    FenceReply reply =
        client.fence("node3", "reboot", Duration.ofSeconds(60), Duration.ZERO, "it").get();
    assertEquals(FenceState.SUCCESS, reply.result().state(), reply.result().reason());
    TestCluster.await(
        () -> ProcessHandle.of(pid).isEmpty() || !ProcessHandle.of(pid).get().isAlive(),
        Duration.ofSeconds(10),
        "node3's daemon still runs after being fenced");
    assertFalse(cluster.alive("node3"));
    long membershipPid = cluster.memberships.get("node3").pid();
    TestCluster.await(
        () -> ProcessHandle.of(membershipPid).map(h -> !h.isAlive()).orElse(true),
        Duration.ofSeconds(10),
        "node3's membership daemon survived the kill agent");
    TestCluster.await(
        () -> !cluster.member("node1", "node3") && !cluster.member("node2", "node3"),
        Duration.ofSeconds(30),
        "the survivors still count node3");
    List<HistoryEntry> survivors = history("node1");
    assertEquals(survivors, history("node2"));
    // node3 comes back with nothing and gets the history from the others.
    cluster.stop("node3");
    cluster.start("node3");
    TestCluster.await(
        () -> {
          try {
            return history("node3").equals(survivors);
          } catch (Exception e) {
            return false;
          }
        },
        Duration.ofSeconds(15),
        "node3 did not get the history after rejoining");
    assertEquals(1, survivors.size());
    assertEquals("node3", survivors.get(0).target());
  }
}
