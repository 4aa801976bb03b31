package org.pacer.it.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.pacer.cli.Crm;
import org.pacer.cli.cluster.StatusJson;
import org.pacer.membership.client.MembershipClient;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.transport.EventLoops;

/**
 * One node of a {@link TestCluster}: its root directory, its processes (found through the pid files
 * its supervisor writes), and the faults a test can inflict on it.
 */
public final class TestNode implements ClusterNode {

  private final TestCluster cluster;
  private final String name;
  private final NodePaths paths;
  private final Network network;
  private final NodeClients clients;

  TestNode(TestCluster cluster, String name, Path root, Network network) {
    this.cluster = cluster;
    this.name = name;
    this.paths = new NodePaths(root);
    this.network = network;
    this.clients = new NodeClients(paths, cluster.loops());
  }

  @Override
  public String name() {
    return name;
  }

  public NodePaths paths() {
    return paths;
  }

  /** The result of a {@code crm} run on this node. */
  public record CrmResult(int exit, String out, String err) {
    public CrmResult requireSuccess(String what) {
      if (exit != 0) {
        throw new AssertionError(what + " failed with exit " + exit + ": " + err + out);
      }
      return this;
    }
  }

  /** Runs {@code crm ARGS} as its own process on this node (in its namespace, with its root). */
  public CrmResult crm(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Crm.class.getName());
    command.addAll(List.of(args));
    if (network != null) {
      command = network.inHost(name, command);
    }
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(cluster.nodeEnvironment());
    pb.environment().put(NodePaths.ROOT_ENV, paths.root().toString());
    pb.environment().remove("CIB_file");
    Path err = Files.createTempFile(paths.root(), "crm-err", ".txt");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(180, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("crm " + String.join(" ", args) + " on " + name + " did not finish");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    String errText = Files.readString(err);
    Files.deleteIfExists(err);
    return new CrmResult(p.exitValue(), out, errText);
  }

  /**
   * Starts the node's daemons and waits until they answer. Agents' state under the node's run
   * directory is cleared first, as a reboot clears /run: a node that was killed comes back running
   * nothing.
   */
  public void start() throws IOException {
    if (network != null) {
      // A powered-off node's link is down and its addresses are gone when it boots.
      network.resetAddresses(name);
      network.restoreLink(name);
    }
    deleteTree(paths.root().resolve("run/resource-agents"));
    startDaemons();
  }

  /**
   * Starts the node's daemons with its agents' state as it is: the daemons restart, the machine did
   * not reboot (what maintenance mode and reattach need).
   */
  public void startDaemons() throws IOException {
    crm(
            "cluster",
            "start",
            "--root",
            paths.root().toString(),
            "--node",
            name,
            "--daemons",
            TestCluster.DAEMONS)
        .requireSuccess("crm cluster start on " + name);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Stops the node gracefully and waits. */
  public void stop() throws IOException {
    crm("cluster", "stop", "--root", paths.root().toString())
        .requireSuccess("crm cluster stop on " + name);
  }

  /**
   * Stops the node gracefully; returns false when it was killed instead (fenced while stopping: the
   * fence agent kills {@code crm cluster stop} too), true when it stopped by itself.
   */
  public boolean stopOrFenced() throws IOException {
    CrmResult r = crm("cluster", "stop", "--root", paths.root().toString());
    if (r.exit() == 0) {
      return true;
    }
    if (r.exit() == 137) {
      // The fence agent may still be killing the rest of the node.
      long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!processes().isEmpty() && System.nanoTime() < giveUp) {
        sleepQuietly(200);
      }
      if (processes().isEmpty()) {
        return false;
      }
    }
    throw new AssertionError(
        "crm cluster stop on " + name + " failed with exit " + r.exit() + ": " + r.err() + r.out());
  }

  void stopQuietly() {
    try {
      crm("cluster", "stop", "--root", paths.root().toString(), "--wait", "60");
    } catch (IOException e) {
      // close() kills what is left by pid next.
    }
  }

  private static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Every live process of this node, by the name in its pid file (pacerd is the supervisor). */
  public Map<String, ProcessHandle> processes() {
    Map<String, ProcessHandle> live = new LinkedHashMap<>();
    try (var files = Files.list(paths.runDir())) {
      for (Path file : files.filter(f -> f.toString().endsWith(".pid")).sorted().toList()) {
        String daemon = file.getFileName().toString().replaceFirst("\\.pid$", "");
        readPid(file)
            .flatMap(ProcessHandle::of)
            .filter(ProcessHandle::isAlive)
            .ifPresent(h -> live.put(daemon, h));
      }
    } catch (IOException e) {
      // No run directory: nothing is running.
    }
    return live;
  }

  private static Optional<Long> readPid(Path file) {
    try {
      return Optional.of(Long.parseLong(Files.readString(file).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** kill -9 of one daemon (the supervisor restarts it). */
  public long killDaemon(String daemon) {
    ProcessHandle handle = processes().get(daemon);
    if (handle == null) {
      throw new IllegalStateException(daemon + " is not running on " + name);
    }
    handle.destroyForcibly();
    return handle.pid();
  }

  /**
   * kill -9 of every process of the node, as a power loss: supervisor first so nothing is
   * restarted, then the daemons and everything they started (agents' processes), and in a namespace
   * every process left in it.
   */
  public void killAll() {
    Map<String, ProcessHandle> live = processes();
    ProcessHandle supervisor = live.remove("pacerd");
    if (supervisor != null) {
      supervisor.destroyForcibly();
    }
    List<ProcessHandle> doomed = new ArrayList<>();
    for (ProcessHandle h : live.values()) {
      doomed.add(h);
      h.descendants().forEach(doomed::add);
    }
    doomed.forEach(ProcessHandle::destroyForcibly);
    if (network != null) {
      killNamespaceProcesses();
    }
    try {
      org.pacer.it.check.AgentEvent.appendOff(
          cluster.agentLogDir(), name, System.currentTimeMillis());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot record the power-off of " + name, e);
    }
  }

  private void killNamespaceProcesses() {
    try {
      String pids = Command.check("ip", "netns", "pids", network.host(name).namespace());
      for (String pid : pids.split("\\s+")) {
        if (!pid.isBlank()) {
          ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // The namespace is gone or empty: nothing left to kill.
    }
  }

  /**
   * A power loss: every process killed and, in a namespace, the link down too, so nothing of the
   * node answers (not even the kernel for addresses its agents added). {@link #start} boots it.
   */
  public void powerOff() throws IOException {
    killAll();
    if (network != null) {
      network.cutLink(name);
    }
  }

  /** SIGSTOP of every process of the node: it is frozen, as a hung machine is. */
  public void pause() throws IOException {
    signal("-STOP");
  }

  /** SIGCONT after {@link #pause()}. */
  public void resume() throws IOException {
    signal("-CONT");
  }

  private void signal(String signal) throws IOException {
    for (ProcessHandle h : processes().values()) {
      Command.quietly("kill", signal, Long.toString(h.pid()));
    }
  }

  void killLeftovers() {
    for (ProcessHandle h : processes().values()) {
      Command.quietly("kill", "-CONT", Long.toString(h.pid()));
      h.destroyForcibly();
    }
  }

  /**
   * What {@code crm cluster status --output-as=json} prints on this node, or empty when its
   * membership daemon does not answer. Asked in-process (Unix sockets reach into namespaces), so
   * tests can poll it cheaply; {@link #crm} tests the command itself.
   */
  public Optional<JsonNode> membershipStatus() {
    try (EventLoops loops = EventLoops.create("it-status", 1);
        MembershipClient client = MembershipClient.connect(paths, loops, "it", Duration.ZERO)) {
      return Optional.of(StatusJson.of(client.status().get(10, TimeUnit.SECONDS)));
    } catch (IOException
        | java.util.concurrent.ExecutionException
        | java.util.concurrent.TimeoutException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Whether the node's supervisor runs (a fenced or killed node has none). */
  public boolean running() {
    return processes().containsKey("pacerd");
  }

  @Override
  public NodeClients clients() {
    return clients;
  }

  @Override
  public boolean daemonAlive(String daemon) {
    return processes().containsKey(daemon);
  }

  public TestCluster cluster() {
    return cluster;
  }

  @Override
  public String toString() {
    return name;
  }
}
