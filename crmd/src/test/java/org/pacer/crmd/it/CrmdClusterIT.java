package org.pacer.crmd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pacer.cib.client.CibClient;
import org.pacer.cib.document.CibSection;
import org.pacer.cib.ops.CibQuery;
import org.pacer.cib.ops.CibWrite;
import org.pacer.crmd.daemon.CrmdDaemonFactory;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.rpc.ClientOptions;
import org.pacer.messaging.rpc.MessageClient;
import org.pacer.messaging.transport.Endpoint;
import org.pacer.messaging.transport.EventLoops;

/**
 * Three real nodes on loopback (127.0.0.1-3), each a JVM running membership, cib, lrmd and crmd:
 * the cluster elects one DC that every node joins, and places a Dummy resource on one node. The
 * time from starting the nodes to a DC with all three joined is printed (Pacemaker here: ~23 s).
 */
class CrmdClusterIT {

  private final List<Process> processes = new ArrayList<>();
  private final EventLoops loops = EventLoops.create("crmd-it", 1);
  private Path dir;

  @AfterEach
  void stop() throws Exception {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      if (!p.waitFor(15, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    loops.close();
  }

  private NodePaths paths(int i) {
    return new NodePaths(dir.resolve("n" + i));
  }

  private void configure(int nodes) throws IOException {
    dir = Files.createTempDirectory("pacer-crmd-it");
    int port = 20_000 + new SecureRandom().nextInt(20_000);
    byte[] authkey = new byte[256];
    new SecureRandom().nextBytes(authkey);
    StringBuilder conf = new StringBuilder();
    conf.append("totem {\n  version: 2\n  cluster_name: crmdit\n  transport: knet\n");
    conf.append("  crypto_hash: sha256\n");
    // -Dcrmd.it.token=300 measures with a short token, as the issue asks beside the default.
    String token = System.getProperty("crmd.it.token");
    if (token != null && !token.isBlank()) {
      conf.append("  token: ").append(token).append('\n');
    }
    conf.append("  interface {\n    linknumber: 0\n    mcastport: ")
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

  private boolean fencing;

  private void start(int i) throws IOException {
    NodePaths p = paths(i);
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx384m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Dpacer.crmd.shutdownWaitMs=10000",
            "-Dlogback.configurationFile="
                + Path.of("src/test/resources/logback-it.xml").toAbsolutePath(),
            "-cp",
            System.getProperty("java.class.path"),
            NodeProcess.class.getName(),
            "--root",
            p.root().toString(),
            "--node",
            "n" + i,
            "--fence-agents",
            fencing ? Path.of("../agents/fence").toAbsolutePath().normalize().toString() : "-");
    pb.environment().put("PACER_HELPER_DIR", Path.of("target/bin").toAbsolutePath().toString());
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(p.logDir().resolve("node.log").toFile()));
    Process process = pb.start();
    if (processes.size() >= i) {
      processes.set(i - 1, process);
    } else {
      processes.add(process);
    }
  }

  /** The node's crmd view, or null while it does not answer. */
  private JsonNode status(int i) {
    try (MessageClient c =
        MessageClient.connect(
            loops, new Endpoint.Local(paths(i).socket("crmd")), ClientOptions.named("it"))) {
      return c.request(CrmdDaemonFactory.STATUS, null, Duration.ofSeconds(2))
          .get(3, TimeUnit.SECONDS);
    } catch (Exception e) {
      return null;
    }
  }

  private CibClient cib(int i) {
    return CibClient.connect(
        loops,
        new Endpoint.Local(paths(i).socket("cib")),
        ClientOptions.named("it"),
        Duration.ofSeconds(10));
  }

  private String logs() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= 3; i++) {
      Path log = paths(i).logDir().resolve("node.log");
      if (Files.exists(log)) {
        List<String> lines = Files.readAllLines(log);
        sb.append("--- n").append(i).append('\n');
        lines
            .subList(Math.max(0, lines.size() - 40), lines.size())
            .forEach(l -> sb.append(l).append('\n'));
      }
    }
    return sb.toString();
  }

  @Test
  void threeNodesElectOneDcJoinAndPlaceADummy() throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/lib/ocf/resource.d/heartbeat/Dummy")), "no Dummy agent");
    configure(3);
    long t0 = System.nanoTime();
    for (int i = 1; i <= 3; i++) {
      start(i);
    }
    String dc = null;
    long joinedMs = -1;
    long viewMs = -1;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline && joinedMs < 0) {
      List<JsonNode> all = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        all.add(status(i));
      }
      if (viewMs < 0 && all.stream().allMatch(s -> s != null && s.path("members").size() == 3)) {
        viewMs = (System.nanoTime() - t0) / 1_000_000;
      }
      boolean ok =
          all.stream()
              .allMatch(
                  s -> s != null && s.path("joined").asBoolean() && s.path("members").size() == 3);
      if (ok) {
        String first = all.get(0).path("dc").asText();
        if (all.stream().allMatch(s -> s.path("dc").asText().equals(first))) {
          dc = first;
          joinedMs = (System.nanoTime() - t0) / 1_000_000;
        }
      }
      Thread.sleep(20);
    }
    assertTrue(joinedMs >= 0, "no DC with all three joined within 90 s\n" + logs());
    System.out.println(
        "crmd IT: DC "
            + dc
            + " with all 3 joined "
            + joinedMs
            + " ms after start; the crmd group had all 3 at "
            + viewMs
            + " ms (election and join: about "
            + (joinedMs - viewMs)
            + " ms, within this 20 ms polling)");

    String config =
        "<primitive id=\"dummy1\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
            + "<operations><op id=\"dummy1-mon\" name=\"monitor\" interval=\"10s\"/></operations>"
            + "</primitive>";
    // Configure through one node; where the CIB does not replicate yet, through each.
    for (int i = 1; i <= 3; i++) {
      try (CibClient c = cib(i)) {
        if (c.query(CibQuery.whole()).contains("id=\"dummy1\"")) {
          continue;
        }
        c.write(
            new CibWrite.Modify(
                CibSection.CRM_CONFIG,
                null,
                "<cluster_property_set id=\"cib-bootstrap-options\"><nvpair"
                    + " id=\"opt-stonith\" name=\"stonith-enabled\" value=\"false\"/>"
                    + "</cluster_property_set>",
                true),
            null);
        c.write(new CibWrite.Create(CibSection.RESOURCES, config), null);
      }
      Thread.sleep(200);
    }
    int dcIndex = Integer.parseInt(dc.substring(1));
    String where = null;
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && where == null) {
      try (CibClient c = cib(dcIndex)) {
        String status = c.query(CibQuery.section(CibSection.STATUS));
        where = startedOn(status);
      } catch (RuntimeException e) {
        // the CIB is busy or the status not there yet
      }
      Thread.sleep(100);
    }
    if (where == null) {
      try (CibClient c = cib(dcIndex)) {
        throw new AssertionError(
            "dummy1 never started\n" + c.query(CibQuery.whole()) + "\n" + logs());
      }
    }
    // It stays there, and nowhere else starts it: watch the status for a few seconds.
    for (int round = 0; round < 20; round++) {
      try (CibClient c = cib(dcIndex)) {
        String status = c.query(CibQuery.section(CibSection.STATUS));
        assertEquals(where, startedOn(status), "dummy1 stays on " + where + ":\n" + status);
        assertEquals(List.of(where), startedOnAll(status), "one node only:\n" + status);
      }
      Thread.sleep(100);
    }
    System.out.println("crmd IT: dummy1 started on " + where);
    if (Files.isExecutable(Path.of("target/bin/crm_mon"))) {
      // What an operator sees, through the thin client. On the DC's node: until pacer-cib
      // replicates through the membership layer, only the DC's copy holds the status.
      int viewer = dcIndex;
      ProcessBuilder pb =
          new ProcessBuilder(Path.of("target/bin/crm_mon").toAbsolutePath().toString(), "-1");
      pb.environment().put("PACER_ROOT", paths(viewer).root().toString());
      Process mon = pb.start();
      String view =
          new String(mon.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      mon.waitFor(30, TimeUnit.SECONDS);
      System.out.println("crmd IT: crm_mon -1 on n" + viewer + ":\n" + view);
      assertEquals(0, mon.exitValue(), view);
      assertTrue(view.contains("Current DC: " + dc + " (version"), view);
      assertTrue(view.contains("Online: [ n1 n2 n3 ]"), view);
    }

    // SIGTERM to the node running it: the controller asks to leave (the shutdown attribute);
    // the DC should move dummy1 away and then let the node go. pengine does not schedule that
    // yet for a live CIB (see docs/crmd.md), so the node stops when its wait runs out and
    // dummy1 moves then. Either way it moves, once. Then the node comes back.
    int leaving = Integer.parseInt(where.substring(1));
    long stopAt = System.nanoTime();
    processes.get(leaving - 1).destroy();
    String movedTo = null;
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && movedTo == null) {
      for (int i = 1; i <= 3 && movedTo == null; i++) {
        if (i == leaving) {
          continue;
        }
        JsonNode st = status(i);
        if (st != null && st.path("isDc").asBoolean()) {
          try (CibClient c = cib(i)) {
            String found = startedOn(c.query(CibQuery.section(CibSection.STATUS)));
            if (found != null && !found.equals(where)) {
              movedTo = found;
            }
          } catch (RuntimeException e) {
            // the CIB is busy or the status not there yet
          }
        }
      }
      Thread.sleep(20);
    }
    assertTrue(
        movedTo != null, "dummy1 did not move away from the stopping " + where + "\n" + logs());
    assertTrue(processes.get(leaving - 1).waitFor(30, TimeUnit.SECONDS), where + " did not stop");
    System.out.println(
        "crmd IT: graceful stop of "
            + where
            + ": dummy1 running on "
            + movedTo
            + " "
            + (System.nanoTime() - stopAt) / 1_000_000
            + " ms later; the node stopped (exit "
            + processes.get(leaving - 1).exitValue()
            + ")");
    start(leaving);
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    boolean back = false;
    while (System.nanoTime() < deadline && !back) {
      JsonNode st = status(leaving);
      back = st != null && st.path("joined").asBoolean() && st.path("members").size() == 3;
      Thread.sleep(50);
    }
    assertTrue(back, where + " did not rejoin\n" + logs());
    where = movedTo;
    dc = status(leaving).path("dc").asText();

    // kill -9 the node running it (every daemon: one JVM). Fencing is disabled here (no
    // stonithd daemon yet), so the scheduler takes the lost node as down and recovers at once.
    int victim = Integer.parseInt(where.substring(1));
    long killedAt = System.nanoTime();
    processes.get(victim - 1).destroyForcibly();
    processes.get(victim - 1).waitFor(10, TimeUnit.SECONDS);
    int survivor = victim == 1 ? 2 : 1;
    String moved = null;
    String newDc = null;
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && moved == null) {
      JsonNode st = status(survivor);
      if (st != null && !st.path("dc").isNull() && st.path("joined").asBoolean()) {
        newDc = st.path("dc").asText();
        try (CibClient c = cib(Integer.parseInt(newDc.substring(1)))) {
          String found = startedOn(c.query(CibQuery.section(CibSection.STATUS)));
          if (found != null && !found.equals(where)) {
            moved = found;
          }
        } catch (RuntimeException e) {
          // the CIB is busy or the status not there yet
        }
      }
      Thread.sleep(20);
    }
    if (moved == null) {
      String cibText = "";
      if (newDc != null) {
        try (CibClient c = cib(Integer.parseInt(newDc.substring(1)))) {
          cibText = c.query(CibQuery.whole());
        }
      }
      throw new AssertionError(
          "dummy1 did not move away from the killed " + where + "\n" + cibText + "\n" + logs());
    }
    long failoverMs = (System.nanoTime() - killedAt) / 1_000_000;
    System.out.println(
        "crmd IT: killed "
            + where
            + " (DC was "
            + dc
            + "); dummy1 running on "
            + moved
            + " "
            + failoverMs
            + " ms later (DC now "
            + newDc
            + ")");

    // Now lose the DC itself (if it is not the node just killed): the other survivor becomes
    // DC, and dummy1 stays where it runs, started once.
    int dcNow = Integer.parseInt(newDc.substring(1));
    int other = 6 - victim - dcNow;
    if (dcNow != victim && other != victim) {
      String stays = moved;
      long dcKilledAt = System.nanoTime();
      processes.get(dcNow - 1).destroyForcibly();
      processes.get(dcNow - 1).waitFor(10, TimeUnit.SECONDS);
      long electedMs = -1;
      deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline && electedMs < 0) {
        JsonNode st = status(other);
        if (st != null
            && ("n" + other).equals(st.path("dc").asText())
            && st.path("joined").asBoolean()) {
          electedMs = (System.nanoTime() - dcKilledAt) / 1_000_000;
        }
        Thread.sleep(20);
      }
      assertTrue(electedMs >= 0, "no new DC after killing n" + dcNow + "\n" + logs());
      System.out.println(
          "crmd IT: killed the DC n"
              + dcNow
              + "; n"
              + other
              + " DC and joined "
              + electedMs
              + " ms later");
      if (stays.equals("n" + other)) {
        // Two of three nodes are gone: no quorum, and no-quorum-policy=stop stops it. Before
        // that, it must never have been started twice: the history shows one start.
        try (CibClient c = cib(other)) {
          String status = c.query(CibQuery.section(CibSection.STATUS));
          assertTrue(startedOnAll(status).size() <= 1, status);
        }
      }
    }
  }

  /** The online node whose dummy1_last_0 is a successful start, or null. */
  static String startedOn(String status) throws Exception {
    List<String> on = startedOnAll(status);
    return on.isEmpty() ? null : on.get(0);
  }

  /** Every online node whose dummy1_last_0 is a successful start. */
  static List<String> startedOnAll(String status) throws Exception {
    List<String> out = new ArrayList<>();
    var doc =
        javax.xml.parsers.DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(
                new java.io.ByteArrayInputStream(
                    status.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    var ops = doc.getElementsByTagName("lrm_rsc_op");
    for (int i = 0; i < ops.getLength(); i++) {
      var op = (org.w3c.dom.Element) ops.item(i);
      if (op.getAttribute("id").equals("dummy1_last_0")
          && op.getAttribute("operation").equals("start")
          && op.getAttribute("rc-code").equals("0")) {
        var n = op.getParentNode();
        while (!(n instanceof org.w3c.dom.Element e && e.getTagName().equals("node_state"))) {
          n = n.getParentNode();
        }
        var state = (org.w3c.dom.Element) n;
        if (state.getAttribute("in_ccm").equals("true")) {
          out.add(state.getAttribute("uname"));
        }
      }
    }
    return out;
  }

  /** Polls until all three controllers joined one DC; returns the DC's name. */
  private String awaitJoined() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      List<JsonNode> all = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        all.add(status(i));
      }
      if (all.stream()
          .allMatch(
              st ->
                  st != null && st.path("joined").asBoolean() && st.path("members").size() == 3)) {
        String first = all.get(0).path("dc").asText();
        if (all.stream().allMatch(st -> st.path("dc").asText().equals(first))) {
          return first;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no DC with all three joined within 90 s\n" + logs());
  }

  /** Polls the DC's CIB until dummy1 runs on a node other than {@code notOn}; returns it. */
  private String awaitStarted(String notOn, int within) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(within);
    while (System.nanoTime() < deadline) {
      for (int i = 1; i <= 3; i++) {
        JsonNode st = status(i);
        if (st == null || !st.path("isDc").asBoolean()) {
          continue;
        }
        try (CibClient c = cib(i)) {
          String found = startedOn(c.query(CibQuery.section(CibSection.STATUS)));
          if (found != null && !found.equals(notOn)) {
            return found;
          }
        } catch (RuntimeException e) {
          // the CIB is busy or the status not there yet
        }
      }
      Thread.sleep(20);
    }
    return null;
  }

  /**
   * With fencing (pacer-stonithd and the test agent fence_pacer_kill, which kills every process
   * under a node's root): kill -9 of the node running a Dummy; the DC fences it, and only then
   * starts the Dummy elsewhere.
   */
  @Test
  void aLostNodeIsFencedBeforeItsResourceStartsElsewhere() throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/lib/ocf/resource.d/heartbeat/Dummy")), "no Dummy agent");
    assumeTrue(
        Files.isExecutable(Path.of("../agents/fence/fence_pacer_kill")), "no test fence agent");
    fencing = true;
    configure(3);
    for (int i = 1; i <= 3; i++) {
      start(i);
    }
    awaitJoined();
    String config =
        "<primitive id=\"fence-kill\" class=\"stonith\" type=\"fence_pacer_kill\">"
            + "<instance_attributes id=\"fence-kill-params\">"
            + "<nvpair id=\"fence-kill-roots\" name=\"roots_dir\" value=\""
            + dir
            + "\"/><nvpair id=\"fence-kill-hosts\" name=\"pcmk_host_list\" value=\"n1 n2 n3\"/>"
            + "<nvpair id=\"fence-kill-check\" name=\"pcmk_host_check\" value=\"static-list\"/>"
            + "</instance_attributes></primitive>"
            + "<primitive id=\"dummy1\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
            + "<operations><op id=\"dummy1-mon\" name=\"monitor\" interval=\"10s\"/></operations>"
            + "</primitive>";
    for (int i = 1; i <= 3; i++) {
      try (CibClient c = cib(i)) {
        if (!c.query(CibQuery.whole()).contains("id=\"dummy1\"")) {
          c.write(
              new CibWrite.Create(CibSection.RESOURCES, "<resources>" + config + "</resources>"),
              null);
        }
      }
      Thread.sleep(200);
    }
    String where = awaitStarted("none", 60);
    assertTrue(where != null, "dummy1 never started\n" + logs());
    int victim = Integer.parseInt(where.substring(1));
    long killedAt = System.nanoTime();
    processes.get(victim - 1).destroyForcibly();
    processes.get(victim - 1).waitFor(10, TimeUnit.SECONDS);
    String moved = awaitStarted(where, 90);
    if (moved == null) {
      throw new AssertionError("dummy1 did not move after " + where + " was killed\n" + logs());
    }
    long failoverMs = (System.nanoTime() - killedAt) / 1_000_000;
    // The DC recorded the fencing before the start: the node is down cleanly, its history gone.
    for (int i = 1; i <= 3; i++) {
      JsonNode st = status(i);
      if (st != null && st.path("isDc").asBoolean()) {
        try (CibClient c = cib(i)) {
          String status = c.query(CibQuery.section(CibSection.STATUS));
          assertTrue(
              status.contains("uname=\"" + where + "\"") && !startedOnAll(status).contains(where),
              status);
        }
      }
    }
    System.out.println(
        "crmd IT: with fencing: killed "
            + where
            + "; fenced, dummy1 running on "
            + moved
            + " "
            + failoverMs
            + " ms later");
  }
}
