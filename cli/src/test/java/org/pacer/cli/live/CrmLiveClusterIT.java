package org.pacer.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pacer.cli.configure.CrmRunner;
import org.pacer.cli.configure.live.ClusterAccess;
import org.pacer.cli.configure.live.CrmdAccess;
import org.pacer.messaging.paths.NodePaths;

/**
 * {@code crm} against a real two-node cluster on loopback (127.0.0.1 and 127.0.0.2, one JVM per
 * node): a Dummy configured with {@code crm configure}, moved, stopped and started with {@code crm
 * -w resource}, a monitor failure cleaned up with {@code crm resource cleanup}, each result read
 * back from {@code crm status} and {@code crm resource locate}.
 */
class CrmLiveClusterIT {
  private final List<Process> processes = new ArrayList<>();
  private Path dir;

  @AfterEach
  void stop() throws Exception {
    processes.forEach(Process::destroy);
    for (Process p : processes) {
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    // the Dummy agents' processes are gone with their daemons; nothing else was started
    if (dir != null) {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private NodePaths paths(int i) {
    return new NodePaths(dir.resolve("n" + i));
  }

  record Result(int rc, String out, String err) {
    @Override
    public String toString() {
      return "rc=" + rc + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  /** {@code crm ARGS} as run on node i (PACER_ROOT names the node's sockets). */
  private Result crm(int i, String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int rc =
        new CrmRunner(
                Map.of("PACER_ROOT", paths(i).root().toString()),
                new ByteArrayInputStream(stdin.getBytes()),
                new PrintWriter(out),
                new PrintWriter(err),
                dir)
            .run(List.of(args));
    return new Result(rc, out.toString(), err.toString());
  }

  private Result ok(int i, String... args) {
    Result r = crm(i, "", args);
    assertEquals(0, r.rc(), "crm " + String.join(" ", args) + "\n" + r + logs());
    return r;
  }

  @Test
  void moveStopStartAndCleanupThroughCrmShowInCrmStatus() throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/lib/ocf/resource.d/heartbeat/Dummy")), "no Dummy agent");
    configure(2);
    start(1);
    start(2);
    awaitJoined();

    Result conf =
        crm(
            1,
            "configure\n"
                + "property stonith-enabled=false\n"
                + "primitive d ocf:heartbeat:Dummy op monitor interval=5s\n",
            "-w",
            "-f",
            "-");
    assertEquals(0, conf.rc(), conf + logs());
    String first = locate(1, "d");
    assertTrue(first.equals("n1") || first.equals("n2"), "d runs on one node: " + first);
    String other = first.equals("n1") ? "n2" : "n1";

    long t0 = System.nanoTime();
    ok(1, "-w", "resource", "move", "d", other);
    long moveMs = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(other, locate(2, "d"));
    assertTrue(ok(2, "status").out().contains("\t Started " + other), ok(2, "status").out());
    System.out.println("crm live IT: crm -w resource move returned after " + moveMs + " ms");

    ok(1, "-w", "resource", "stop", "d");
    assertEquals("", locate(1, "d"));
    assertTrue(ok(1, "status").out().contains("d\t(ocf:heartbeat:Dummy):\t Stopped"));
    ok(1, "-w", "resource", "start", "d");
    assertEquals(other, locate(1, "d"), "the move constraint still holds");
    Result restart = ok(2, "-w", "resource", "restart", "d");
    assertEquals(other, locate(1, "d"), restart.toString());

    // the agent's state vanishes under it: the monitor fails, the cluster recovers it in place
    int o = Integer.parseInt(other.substring(1));
    try (Stream<Path> s = Files.list(paths(o).root().resolve("run/resource-agents"))) {
      for (Path p : s.filter(p -> p.getFileName().toString().startsWith("Dummy-d")).toList()) {
        Files.delete(p);
      }
    }
    String failed = awaitStatus(1, "Failed Resource Actions:");
    assertTrue(
        failed.contains("d 5s-interval monitor on " + other + " returned 'not running'"), failed);
    // the fail count reaches the CIB through the attribute store, shortly after the failure
    String count = "";
    for (int k = 0; k < 40 && !count.matches("(?s).*value=[1-9].*"); k++) {
      count = ok(1, "resource", "failcount", "d", "show", other).out();
      Thread.sleep(250);
    }
    assertTrue(count.matches("(?s).*value=[1-9].*"), count + logs());
    ok(1, "-w", "resource", "cleanup", "d");
    String clean = ok(2, "status").out();
    assertTrue(!clean.contains("Failed Resource Actions:"), clean);
    assertEquals(
        "scope=status  name=fail-count-d value=0\n",
        ok(1, "resource", "failcount", "d", "show", other).out());
    assertEquals(other, locate(2, "d"));

    ok(1, "-w", "resource", "clear", "d");
    // standby with no node is this node's: d leaves it
    ok(o, "-w", "node", "standby");
    assertEquals(first, locate(1, "d"));
    assertTrue(
        ok(1, "status").out().contains("Node " + other + ": standby"), ok(1, "status").out());
    ok(o, "-w", "node", "online");
    ok(1, "-w", "node", "status-attr", "n2", "set", "rack", "r1");
    // with -w it returned once the DC had written it to the CIB
    String status =
        org.pacer.cli.configure.store.CibXml.print(
            new org.pacer.cli.configure.store.ConnectionStore(
                    org.pacer.cib.client.LiveConnections.open(
                        Map.of("PACER_ROOT", paths(1).root().toString())))
                .read()
                .getDocumentElement());
    assertTrue(status.contains("name=\"rack\" value=\"r1\""), status);
    assertEquals(
        "scope=status  name=rack value=r1\n",
        ok(2, "node", "status-attr", "n2", "show", "rack").out());
  }

  /** The node d runs on, as crm resource locate says ("" when stopped). */
  private String locate(int i, String rsc) {
    String out = ok(i, "resource", "locate", rsc).out().trim();
    if (out.endsWith("is NOT running")) {
      return "";
    }
    assertTrue(out.startsWith("resource " + rsc + " is running on: "), out);
    return out.substring(out.lastIndexOf(' ') + 1);
  }

  private String awaitStatus(int i, String text) throws InterruptedException {
    String last = "";
    for (int k = 0; k < 120; k++) {
      last = ok(i, "status").out();
      if (last.contains(text)) {
        return last;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("crm status never showed " + text + ":\n" + last + logs());
  }

  private void awaitJoined() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      boolean all = true;
      for (int i = 1; i <= 2; i++) {
        try {
          var v = new CrmdAccess(paths(i)).controller().orElseThrow();
          all &= v.joined() && v.members().size() == 2 && v.dc() != null;
        } catch (ClusterAccess.ClusterException e) {
          all = false;
        }
      }
      if (all) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the two nodes did not join one DC in 90 s\n" + logs());
  }

  private void configure(int nodes) throws IOException {
    dir = Files.createTempDirectory("pacer-crm-it");
    int port = 20_000 + new SecureRandom().nextInt(20_000);
    byte[] authkey = new byte[256];
    new SecureRandom().nextBytes(authkey);
    StringBuilder conf = new StringBuilder();
    conf.append("totem {\n  version: 2\n  cluster_name: crmit\n  transport: knet\n");
    conf.append("  crypto_hash: sha256\n  interface {\n    linknumber: 0\n    mcastport: ")
        .append(port)
        .append("\n  }\n}\nnodelist {\n");
    for (int i = 1; i <= nodes; i++) {
      conf.append("  node {\n    nodeid: ").append(i).append("\n    name: n").append(i);
      conf.append("\n    ring0_addr: 127.0.0.").append(i).append("\n  }\n");
    }
    conf.append("}\nquorum {\n  provider: corosync_votequorum\n}\n");
    for (int i = 1; i <= nodes; i++) {
      NodePaths p = paths(i);
      Files.createDirectories(p.etcDir());
      Files.createDirectories(p.logDir());
      Files.writeString(p.corosyncConf(), conf);
      Files.write(p.authkey(), authkey);
      Files.setPosixFilePermissions(p.authkey(), PosixFilePermissions.fromString("r--------"));
    }
  }

  private void start(int i) throws IOException {
    NodePaths p = paths(i);
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Dpacer.crmd.shutdownWaitMs=5000",
            "-cp",
            System.getProperty("java.class.path"),
            LoopbackNode.class.getName(),
            p.root().toString(),
            "n" + i);
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(p.logDir().resolve("node.log").toFile()));
    processes.add(pb.start());
  }

  private String logs() {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= 2; i++) {
      Path log = paths(i).logDir().resolve("node.log");
      try {
        List<String> lines = Files.readAllLines(log);
        sb.append("\n--- n").append(i).append('\n');
        lines
            .subList(Math.max(0, lines.size() - 30), lines.size())
            .forEach(l -> sb.append(l).append('\n'));
      } catch (IOException e) {
        sb.append("\n(no log for n").append(i).append(")");
      }
    }
    return sb.toString();
  }
}
