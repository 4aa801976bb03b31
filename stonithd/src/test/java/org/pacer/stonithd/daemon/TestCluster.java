package org.pacer.stonithd.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.transport.Endpoint;
import org.pacer.messaging.transport.EventLoops;
import org.pacer.stonithd.TestCibs;
import org.pacer.stonithd.api.StonithClient;
import org.pacer.stonithd.port.hub.GroupHub;

/**
 * Real pacer-stonithd processes on this machine, one root directory per node under {@code base},
 * joined through a {@link GroupHub} in the test's JVM. Every process it starts is stopped by pid in
 * {@link #close}.
 */
final class TestCluster implements AutoCloseable {

  static final Path PACER_AGENTS = Path.of("..", "agents", "fence").toAbsolutePath().normalize();

  final Path base;
  final EventLoops loops = EventLoops.create("test-cluster", 2);
  final GroupHub hub;
  final Map<String, Process> daemons = new LinkedHashMap<>();
  private final List<StonithClient> clients = new ArrayList<>();

  TestCluster(Path base) throws IOException {
    this.base = base;
    this.hub = GroupHub.start(loops, new Endpoint.Local(base.resolve("hub.sock")));
  }

  NodePaths paths(String node) {
    return new NodePaths(base.resolve(node));
  }

  /** Writes the CIB every node follows (atomically, as the CIB daemon does). */
  void writeCib(String node, String xml) throws IOException {
    Path dir = paths(node).libDir().resolve("cib");
    Files.createDirectories(dir);
    Path tmp = dir.resolve("cib.xml.tmp");
    Files.writeString(tmp, xml);
    Files.move(
        tmp,
        dir.resolve("cib.xml"),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  void start(String node) throws IOException {
    Files.createDirectories(paths(node).runDir());
    Files.createDirectories(paths(node).logDir());
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("org.pacer.stonithd.StonithDaemon");
    cmd.addAll(
        List.of(
            "--root",
            base.resolve(node).toString(),
            "--node",
            node,
            "--group-hub",
            base.resolve("hub.sock").toString(),
            "--agents-dir",
            "/usr/sbin",
            "--agents-dir",
            PACER_AGENTS.toString()));
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(
                    paths(node).logDir().resolve("stonithd.log").toFile()))
            .start();
    daemons.put(node, p);
    Path socket = paths(node).socket("stonithd");
    await(
        () -> Files.exists(socket) && hub.memberNames().contains(node),
        Duration.ofSeconds(30),
        node + " did not start; see " + paths(node).logDir().resolve("stonithd.log"));
  }

  boolean alive(String node) {
    Process p = daemons.get(node);
    return p != null && p.isAlive();
  }

  StonithClient client(String node) throws IOException {
    StonithClient c = StonithClient.connect(loops, paths(node), "test");
    clients.add(c);
    return c;
  }

  String log(String node) throws IOException {
    Path f = paths(node).logDir().resolve("stonithd.log");
    return Files.exists(f) ? Files.readString(f) : "";
  }

  static void await(BooleanSupplier condition, Duration limit, String message) {
    long end = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError(message);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  void stop(String node) {
    Process p = daemons.remove(node);
    if (p != null) {
      p.destroyForcibly();
      try {
        p.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    clients.forEach(StonithClient::close);
    for (String node : new ArrayList<>(daemons.keySet())) {
      stop(node);
    }
    hub.close();
    loops.close();
  }

  static String device(String id, String agent, String... params) {
    return TestCibs.primitive(id, agent, params);
  }

  static String cib(List<String> nodes, String resources, String topology) {
    return TestCibs.cib("", TestCibs.nodes(nodes), resources, "", topology);
  }
}
