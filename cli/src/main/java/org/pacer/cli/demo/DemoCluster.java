package org.pacer.cli.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.pacer.cli.Crm;
import org.pacer.messaging.paths.NodePaths;

/**
 * The demo's nodes on this machine: one root directory each under the demo's directory, started and
 * stopped with {@code crm cluster start|stop}, killed like a power cut. Every process of a node is
 * found through its pid files ({@code <root>/run/pacer/*.pid} for Pacer's, {@code
 * <root>/run/resource-agents/*.pid} for the services the agents started) and remembered by pid and
 * start time in {@code pids.txt}, so that {@link #killEverything} and the demo's test can tell that
 * none of them is left, without ever touching a process the demo did not start.
 */
final class DemoCluster {

  /** The daemons a demo node runs: the standard ones, stonithd finding the checkout's agents. */
  static final String DAEMONS =
      "membership=org.pacer.membership.MembershipDaemon,cib=org.pacer.cib.CibDaemon,"
          + "stonithd="
          + DemoStonithd.class.getName()
          + ",lrmd=org.pacer.lrmd.LrmdDaemon,pengine=org.pacer.pengine.PengineDaemon,"
          + "crmd=org.pacer.crmd.CrmdDaemon";

  /** Small JVMs and the quick compiler: three nodes are 21 JVMs on what may be a laptop. */
  static final String DAEMON_JAVA_OPTS =
      "-XX:+UseSerialGC -Xms16m -Xmx192m -Xss512k -XX:TieredStopAtLevel=1";

  /** The result of one {@code crm} run. */
  record CrmResult(int exit, String out, String err) {}

  private final Path dir;
  private final Map<String, NodePaths> nodes = new LinkedHashMap<>();
  private final Map<String, String> environment = new LinkedHashMap<>();
  private final Map<Long, Instant> seen = new LinkedHashMap<>();
  private final Path pidLog;

  DemoCluster(Path dir, List<String> names, Map<String, String> environment) {
    this.dir = dir;
    for (String name : names) {
      nodes.put(name, new NodePaths(dir.resolve(name)));
    }
    this.environment.putAll(environment);
    this.pidLog = dir.resolve("pids.txt");
  }

  Path dir() {
    return dir;
  }

  NodePaths paths(String node) {
    return nodes.get(node);
  }

  List<String> names() {
    return List.copyOf(nodes.keySet());
  }

  /** Runs {@code crm ARGS} as its own process with the node's root, as an operator would. */
  CrmResult crm(String node, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Crm.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(environment);
    pb.environment().put(NodePaths.ROOT_ENV, paths(node).root().toString());
    pb.environment().remove("CIB_file");
    pb.environment().remove("CIB_shadow");
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Path err = Files.createTempFile(dir, "crm-err", ".txt");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    remember(p.toHandle());
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("crm " + String.join(" ", args) + " did not finish within 180 s");
    }
    String errText = Files.readString(err);
    Files.deleteIfExists(err);
    return new CrmResult(p.exitValue(), out, errText);
  }

  /** Starts a node's daemons and returns once each answers. */
  void start(String node) throws IOException, InterruptedException {
    // A node that was killed comes back running nothing, as a reboot clears /run.
    deleteTree(paths(node).root().resolve("run/resource-agents"));
    CrmResult r =
        crm(
            node,
            "cluster",
            "start",
            "--root",
            paths(node).root().toString(),
            "--node",
            node,
            "--daemons",
            DAEMONS);
    rememberNodes();
    if (r.exit() != 0) {
      throw new IOException("crm cluster start on " + node + " failed:\n" + r.err() + r.out());
    }
  }

  /** Stops a node gracefully; false when it did not stop within the wait. */
  boolean stop(String node) throws IOException, InterruptedException {
    rememberNodes();
    return crm(node, "cluster", "stop", "--root", paths(node).root().toString(), "--wait", "60")
            .exit()
        == 0;
  }

  /**
   * kill -9 of everything of a node, as a power cut: the supervisor first (so nothing restarts),
   * then its daemons and what runs under them, then the services its agents started.
   */
  void powerOff(String node) {
    rememberNodes();
    List<ProcessHandle> doomed = new ArrayList<>();
    live(paths(node), "run/pacer").ifPresent(doomed::addAll);
    doomed.sort(Comparator.comparing(h -> isSupervisor(node, h) ? 0 : 1));
    List<ProcessHandle> all = new ArrayList<>();
    for (ProcessHandle h : doomed) {
      all.add(h);
      h.descendants().forEach(all::add);
    }
    live(paths(node), "run/resource-agents").ifPresent(all::addAll);
    all.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle h : all) {
      try {
        h.onExit().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        // survivors() reports it.
      }
    }
    // Dead processes' pid files would name whatever process gets the pid next.
    for (String sub : List.of("run/pacer", "run/resource-agents")) {
      try (var files = Files.list(paths(node).root().resolve(sub))) {
        for (Path f : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
          Files.deleteIfExists(f);
        }
      } catch (IOException e) {
        // No such directory: nothing ran there.
      }
    }
  }

  private boolean isSupervisor(String node, ProcessHandle h) {
    Path pid = paths(node).pidFile("pacerd");
    return readPid(pid).map(p -> p == h.pid()).orElse(false);
  }

  /** Records every process the nodes' pid files name now (and what runs under them). */
  synchronized void rememberNodes() {
    for (NodePaths p : nodes.values()) {
      for (String sub : List.of("run/pacer", "run/resource-agents")) {
        live(p, sub)
            .ifPresent(
                list ->
                    list.forEach(
                        h -> {
                          remember(h);
                          h.descendants().forEach(this::remember);
                        }));
      }
    }
  }

  private synchronized void remember(ProcessHandle h) {
    Instant started = h.info().startInstant().orElse(null);
    if (started == null || seen.containsKey(h.pid())) {
      return;
    }
    seen.put(h.pid(), started);
    try {
      Files.writeString(
          pidLog,
          h.pid() + " " + started.toEpochMilli() + "\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      // The log is for the demo's test; the demo itself keeps the pids in memory.
    }
  }

  /**
   * The processes the demo started that are still alive: those it saw (same pid, same start time)
   * and any other whose command line names the demo's directory (a service an agent started and
   * lost track of would be one).
   */
  synchronized List<ProcessHandle> survivors() {
    List<ProcessHandle> alive = new ArrayList<>();
    seen.forEach(
        (pid, started) ->
            ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(h -> started.equals(h.info().startInstant().orElse(null)))
                .ifPresent(alive::add));
    // Never this process or what started it (a shell running "pacer-demo --dir DIR" names DIR).
    List<ProcessHandle> lineage = new ArrayList<>();
    for (Optional<ProcessHandle> p = Optional.of(ProcessHandle.current());
        p.isPresent();
        p = p.get().parent()) {
      lineage.add(p.get());
    }
    Optional<String> user = ProcessHandle.current().info().user();
    ProcessHandle.allProcesses()
        .filter(h -> !lineage.contains(h) && !alive.contains(h))
        .filter(h -> user.isPresent() && user.equals(h.info().user()))
        .filter(h -> startedFor(h, dir))
        .forEach(
            h -> {
              remember(h);
              alive.add(h);
            });
    return alive;
  }

  /**
   * kill -9 of every process the demo started that is still alive.
   *
   * @return what was killed: pid and command line, one entry each
   */
  synchronized List<String> killEverything() {
    List<String> killed = new ArrayList<>();
    for (String node : nodes.keySet()) {
      rememberNodes();
      for (ProcessHandle h : survivors()) {
        String what = describe(h);
        if (h.isAlive()) {
          killed.add(h.pid() + " " + what);
        }
      }
      powerOff(node);
    }
    List<ProcessHandle> left = survivors();
    left.forEach(h -> killed.add(h.pid() + " " + describe(h)));
    left.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle h : left) {
      try {
        h.onExit().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        // Reported by the caller through survivors().
      }
    }
    return killed.stream().distinct().toList();
  }

  /** A short description of a process: its main class or command and its arguments' tail. */
  private static String describe(ProcessHandle h) {
    String cmd = h.info().commandLine().orElse(h.info().command().orElse("?"));
    int main = cmd.indexOf(" org.pacer.");
    return main >= 0 ? cmd.substring(main + 1) : cmd;
  }

  private static Optional<List<ProcessHandle>> live(NodePaths paths, String sub) {
    Path d = paths.root().resolve(sub);
    if (!Files.isDirectory(d)) {
      return Optional.empty();
    }
    List<ProcessHandle> out = new ArrayList<>();
    try (var files = Files.list(d)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
        readPid(f)
            .flatMap(ProcessHandle::of)
            .filter(ProcessHandle::isAlive)
            .filter(h -> startedFor(h, paths.root().getParent()))
            .ifPresent(out::add);
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.of(out);
  }

  /**
   * Whether a process named by a pid file is really one of the demo's: its command line names the
   * demo's directory (each daemon's {@code --root}, the web server's {@code --directory}). A stale
   * pid file may name any process that got the pid later; that one is never touched.
   */
  private static boolean startedFor(ProcessHandle h, Path demoDir) {
    try {
      String cmdline =
          Files.readString(Path.of("/proc", Long.toString(h.pid()), "cmdline")).replace('\0', ' ');
      return cmdline.contains(demoDir.toString());
    } catch (IOException e) {
      return false;
    }
  }

  private static Optional<Long> readPid(Path file) {
    try {
      return Optional.of(Long.parseLong(Files.readString(file).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
