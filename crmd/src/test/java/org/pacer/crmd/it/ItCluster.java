package org.pacer.crmd.it;

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
import java.util.function.Predicate;
import org.pacer.cib.client.CibClient;
import org.pacer.cib.document.CibSection;
import org.pacer.cib.ops.CibQuery;
import org.pacer.crmd.daemon.CrmdDaemonFactory;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.rpc.ClientOptions;
import org.pacer.messaging.rpc.MessageClient;
import org.pacer.messaging.transport.Endpoint;
import org.pacer.messaging.transport.EventLoops;

/**
 * Three (or more) real test nodes, each one JVM ({@link NodeProcess}) running membership, cib,
 * lrmd, crmd and, with fencing, stonithd. When the test runs as root the nodes live in network
 * namespaces of their own ({@link Namespaces}, so links can be cut); otherwise on 127.0.0.1-N
 * ({@code -Dcrmd.it.loopback=true} forces loopback). {@code -Dcrmd.it.token=MS} sets the totem
 * token. Nodes are numbered from 1 and named n1, n2, ...
 */
final class ItCluster implements AutoCloseable {

  private final int size;
  private final boolean fencing;
  private final Path dir;
  private final Namespaces namespaces;
  private final List<Process> processes = new ArrayList<>();
  private final List<Process> crmds = new ArrayList<>();
  private boolean separateCrmd;
  private final EventLoops loops = EventLoops.create("crmd-it", 1);

  private ItCluster(int size, boolean fencing, Path dir, Namespaces namespaces) {
    this.size = size;
    this.fencing = fencing;
    this.dir = dir;
    this.namespaces = namespaces;
    for (int i = 0; i < size; i++) {
      processes.add(null);
      crmds.add(null);
    }
  }

  /** Writes every node's corosync.conf and authkey, and the agents' OCF root; starts nothing. */
  static ItCluster create(int size, boolean fencing) throws IOException {
    Path dir = Files.createTempDirectory("pacer-crmd-it");
    Namespaces ns = null;
    if (Namespaces.available() && !Boolean.getBoolean("crmd.it.loopback")) {
      long pid = ProcessHandle.current().pid();
      ns = new Namespaces(Long.toString(pid % 100_000, 36), 10 + (int) (pid % 240));
    }
    ItCluster c = new ItCluster(size, fencing, dir, ns);
    try {
      c.configure();
    } catch (IOException | RuntimeException e) {
      c.close();
      throw e;
    }
    return c;
  }

  /**
   * Skips the test (saying why) unless the test agent ocf:pacer:Logged exists and, with {@code
   * fencing}, the test fence agent fence_pacer_kill.
   */
  static void assumeAgents(boolean fencing) {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isExecutable(Path.of("../agents/ocf/Logged")), "no test agent ocf:pacer:Logged");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        !fencing || Files.isExecutable(Path.of("../agents/fence/fence_pacer_kill")),
        "no test fence agent fence_pacer_kill");
  }

  boolean inNamespaces() {
    return namespaces != null;
  }

  Path dir() {
    return dir;
  }

  NodePaths paths(int i) {
    return new NodePaths(dir.resolve("n" + i));
  }

  Process process(int i) {
    return processes.get(i - 1);
  }

  private String address(int i) {
    return namespaces != null ? namespaces.address(i) : "127.0.0." + i;
  }

  private void configure() throws IOException {
    if (namespaces != null) {
      for (int i = 1; i <= size; i++) {
        namespaces.add(i);
      }
    }
    int port = 20_000 + new SecureRandom().nextInt(20_000);
    byte[] authkey = new byte[256];
    new SecureRandom().nextBytes(authkey);
    StringBuilder conf = new StringBuilder();
    conf.append("totem {\n  version: 2\n  cluster_name: crmdit\n  transport: knet\n");
    conf.append("  crypto_hash: sha256\n");
    String token = System.getProperty("crmd.it.token");
    if (token != null && !token.isBlank()) {
      conf.append("  token: ").append(token).append('\n');
    }
    conf.append("  interface {\n    linknumber: 0\n    mcastport: ")
        .append(port)
        .append("\n  }\n}\nnodelist {\n");
    for (int i = 1; i <= size; i++) {
      conf.append("  node {\n    nodeid: ").append(i).append("\n    name: n").append(i);
      conf.append("\n    ring0_addr: ").append(address(i)).append("\n  }\n");
    }
    conf.append("}\nquorum {\n  provider: corosync_votequorum\n}\n");
    for (int i = 1; i <= size; i++) {
      NodePaths p = paths(i);
      Files.createDirectories(p.etcDir());
      Files.createDirectories(p.logDir());
      Files.writeString(p.corosyncConf(), conf);
      Files.write(p.authkey(), authkey);
      Files.setPosixFilePermissions(p.authkey(), PosixFilePermissions.fromString("r--------"));
    }
    // The system's OCF providers plus Pacer's test agents as provider "pacer" (ocf:pacer:Logged).
    Path providers = Files.createDirectories(dir.resolve("ocf/resource.d"));
    Path system = Path.of("/usr/lib/ocf");
    if (Files.isDirectory(system.resolve("lib"))) {
      Files.createSymbolicLink(dir.resolve("ocf/lib"), system.resolve("lib"));
    }
    if (Files.isDirectory(system.resolve("resource.d"))) {
      try (var list = Files.list(system.resolve("resource.d"))) {
        for (Path provider : list.toList()) {
          if (provider.getFileName().toString().equals("pacer")) {
            continue; // an installed copy of Pacer's test agents: this tree's are the ones tested
          }
          Files.createSymbolicLink(providers.resolve(provider.getFileName()), provider);
        }
      }
    }
    Files.createSymbolicLink(
        providers.resolve("pacer"), Path.of("../agents/ocf").toAbsolutePath().normalize());
  }

  /** The fence device every fencing test uses: fence_pacer_kill over this cluster's nodes. */
  String fenceDevice(String extraParams) {
    StringBuilder hosts = new StringBuilder();
    for (int i = 1; i <= size; i++) {
      hosts.append(i > 1 ? " " : "").append("n").append(i);
    }
    return "<primitive id=\"fence-kill\" class=\"stonith\" type=\"fence_pacer_kill\">"
        + "<instance_attributes id=\"fence-kill-params\">"
        + "<nvpair id=\"fence-kill-roots\" name=\"roots_dir\" value=\""
        + dir
        + "\"/><nvpair id=\"fence-kill-hosts\" name=\"pcmk_host_list\" value=\""
        + hosts
        + "\"/><nvpair id=\"fence-kill-check\" name=\"pcmk_host_check\" value=\"static-list\"/>"
        + (namespaces == null
            ? ""
            : "<nvpair id=\"fence-kill-ns\" name=\"netns_prefix\" value=\""
                + namespaces.namespacePrefix()
                + "\"/>")
        + extraParams
        + "</instance_attributes></primitive>";
  }

  /** From now on nodes start without crmd; {@link #startCrmd} runs it as a JVM of its own. */
  void separateCrmd() {
    separateCrmd = true;
  }

  void startAll() throws IOException {
    for (int i = 1; i <= size; i++) {
      start(i);
    }
  }

  void start(int i) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--fence-agents",
                fencing
                    ? Path.of("../agents/fence").toAbsolutePath().normalize().toString()
                    : "-"));
    if (separateCrmd) {
      args.add("--no-crmd");
    }
    processes.set(i - 1, launch(i, NodeProcess.class.getName(), args, "node.log"));
    if (separateCrmd) {
      startCrmd(i);
    }
  }

  /**
   * Starts node {@code i}'s controller as {@code pacer-crmd} in a JVM of its own, with a pid file
   * under the node's root (so fence_pacer_kill kills it with the node).
   */
  void startCrmd(int i) throws IOException {
    // pacer-crmd gives up at once when lrmd's socket is not there yet: the node JVM starts it last.
    Path lrmd = paths(i).socket("lrmd");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(lrmd) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for " + lrmd, e);
      }
    }
    Process p = launch(i, org.pacer.crmd.CrmdDaemon.class.getName(), List.of(), "crmd.log");
    crmds.set(i - 1, p);
    Files.createDirectories(paths(i).runDir());
    Files.writeString(paths(i).pidFile("it-crmd"), p.pid() + "\n");
  }

  /** kill -9 of node {@code i}'s controller alone (when it runs in a JVM of its own). */
  void killCrmd(int i) throws InterruptedException {
    Process p = crmds.get(i - 1);
    p.destroyForcibly();
    p.waitFor(10, TimeUnit.SECONDS);
  }

  private Process launch(int i, String main, List<String> args, String log) throws IOException {
    NodePaths p = paths(i);
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Dpacer.crmd.shutdownWaitMs=10000",
                "-Dlogback.configurationFile="
                    + Path.of("src/test/resources/logback-it.xml").toAbsolutePath(),
                "-cp",
                System.getProperty("java.class.path"),
                main,
                "--root",
                p.root().toString(),
                "--node",
                "n" + i));
    command.addAll(args);
    ProcessBuilder pb =
        new ProcessBuilder(namespaces == null ? command : namespaces.inside(i, command));
    pb.environment().put("PACER_HELPER_DIR", Path.of("target/bin").toAbsolutePath().toString());
    pb.environment().put("OCF_ROOT", dir.resolve("ocf").toString());
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(p.logDir().resolve(log).toFile()));
    return pb.start();
  }

  /**
   * Starts node {@code i} again after it was fenced or killed, as a reboot would: without its
   * agents' state (what a reboot does to /run).
   */
  void reboot(int i) throws IOException {
    Path state = paths(i).root().resolve("run/resource-agents");
    if (Files.isDirectory(state)) {
      try (var files = Files.walk(state)) {
        for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(f);
        }
      }
    }
    start(i);
  }

  /** kill -9 of every daemon of node {@code i} (one JVM), waiting until it is gone. */
  void kill(int i) throws InterruptedException {
    Process p = process(i);
    p.destroyForcibly();
    p.waitFor(10, TimeUnit.SECONDS);
  }

  /** Cuts node {@code i} off from the others (namespaces only). */
  void isolate(int i) throws IOException {
    namespaces.isolate(i);
  }

  void reconnect(int i) throws IOException {
    namespaces.reconnect(i);
  }

  /** The node's crmd view, or null while it does not answer. */
  JsonNode status(int i) {
    try (MessageClient c =
        MessageClient.connect(
            loops, new Endpoint.Local(paths(i).socket("crmd")), ClientOptions.named("it"))) {
      return c.request(CrmdDaemonFactory.STATUS, null, Duration.ofSeconds(2))
          .get(3, TimeUnit.SECONDS);
    } catch (Exception e) {
      return null;
    }
  }

  CibClient cib(int i) {
    return CibClient.connect(
        loops,
        new Endpoint.Local(paths(i).socket("cib")),
        ClientOptions.named("it"),
        Duration.ofSeconds(10));
  }

  /** The status section of node {@code i}'s CIB, or null while it cannot be read. */
  String statusSection(int i) {
    try (CibClient c = cib(i)) {
      return c.query(CibQuery.section(CibSection.STATUS));
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * The number of a running DC, or 0: of several (partitions), the one with the most members, so
   * that a cut-off minority's own DC is not taken for the cluster's.
   */
  int dc() {
    int best = 0;
    int bestMembers = -1;
    for (int i = 1; i <= size; i++) {
      Process p = process(i);
      if (p == null || !p.isAlive()) {
        continue;
      }
      JsonNode st = status(i);
      if (st != null && st.path("isDc").asBoolean() && st.path("members").size() > bestMembers) {
        best = i;
        bestMembers = st.path("members").size();
      }
    }
    return best;
  }

  /** Polls until every node in {@code nodes} joined one DC with them all; returns its name. */
  String awaitJoined(List<Integer> nodes, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      List<JsonNode> all = new ArrayList<>();
      for (int i : nodes) {
        all.add(status(i));
      }
      if (all.stream()
          .allMatch(
              st ->
                  st != null
                      && st.path("joined").asBoolean()
                      && st.path("members").size() == nodes.size())) {
        String first = all.get(0).path("dc").asText();
        if (all.stream().allMatch(st -> st.path("dc").asText().equals(first))) {
          return first;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no DC joined by " + nodes + " within " + seconds + " s\n" + logs());
  }

  String awaitJoined() throws Exception {
    List<Integer> all = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      all.add(i);
    }
    return awaitJoined(all, 90);
  }

  /**
   * Polls the DC's status section until {@code test} holds for it; returns that section, or null
   * after {@code seconds}.
   */
  String awaitDcStatus(Predicate<String> test, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      int dc = dc();
      String status = dc == 0 ? null : statusSection(dc);
      if (status != null) {
        try {
          if (test.test(status)) {
            return status;
          }
        } catch (RuntimeException e) {
          // a half-written section: look again
        }
      }
      Thread.sleep(20);
    }
    return null;
  }

  /** Polls the DC's CIB until {@code rsc} runs on a node other than {@code notOn}; returns it. */
  String awaitStarted(String rsc, String notOn, int seconds) throws Exception {
    String[] found = new String[1];
    awaitDcStatus(
        s -> {
          String on = StatusReading.startedOn(s, rsc);
          if (on != null && !on.equals(notOn)) {
            found[0] = on;
            return true;
          }
          return false;
        },
        seconds);
    return found[0];
  }

  /** The last 40 lines of every node's log, for failure messages. */
  String logs() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= size; i++) {
      for (String name : List.of("node.log", "crmd.log")) {
        Path log = paths(i).logDir().resolve(name);
        if (!Files.exists(log)) {
          continue;
        }
        List<String> lines = Files.readAllLines(log);
        sb.append("--- n").append(i).append(' ').append(name).append('\n');
        lines
            .subList(Math.max(0, lines.size() - 40), lines.size())
            .forEach(l -> sb.append(l).append('\n'));
      }
    }
    return sb.toString();
  }

  /** Stops every node (SIGTERM, then SIGKILL after 15 s) and removes the namespaces. */
  @Override
  public void close() {
    List<Process> all = new ArrayList<>(crmds);
    all.addAll(processes);
    for (Process p : all) {
      if (p != null) {
        p.destroy();
      }
    }
    for (Process p : all) {
      try {
        if (p != null && !p.waitFor(15, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          p.waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    loops.close();
    if (namespaces != null) {
      namespaces.close();
    }
  }
}
