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
  final Map<String, Process> memberships = new LinkedHashMap<>();
  private final List<StonithClient> clients = new ArrayList<>();
  private final List<String> ring;

  /** Nodes joined through a group hub. */
  TestCluster(Path base) throws IOException {
    this.base = base;
    this.hub = GroupHub.start(loops, new Endpoint.Local(base.resolve("hub.sock")));
    this.ring = null;
  }

  /** Nodes joined through real pacer-membership daemons forming one ring. */
  TestCluster(Path base, List<String> ring) throws IOException {
    this.base = base;
    this.hub = null;
    this.ring = List.copyOf(ring);
    byte[] authkey = new byte[256];
    new java.security.SecureRandom().nextBytes(authkey);
    int port = 20_000 + new java.security.SecureRandom().nextInt(20_000);
    StringBuilder conf = new StringBuilder("totem {\n  version: 2\n  cluster_name: stonithd-it\n");
    conf.append("  transport: knet\n  crypto_hash: sha256\n  token: 1000\n");
    conf.append("  interface {\n    linknumber: 0\n    mcastport: ")
        .append(port)
        .append("\n  }\n}\n");
    conf.append("nodelist {\n");
    for (String node : ring) {
      int id = Integer.parseInt(node.replaceAll("\\D", ""));
      conf.append("  node {\n    nodeid: ").append(id).append("\n    name: ").append(node);
      conf.append("\n    ring0_addr: 127.0.0.").append(id).append("\n  }\n");
    }
    conf.append(
        "}\nquorum {\n  provider: corosync_votequorum\n}\nlogging {\n  to_stderr: yes\n}\n");
    for (String node : ring) {
      NodePaths p = paths(node);
      Files.createDirectories(p.etcDir());
      Files.writeString(p.corosyncConf(), conf);
      Files.write(p.authkey(), authkey);
      Files.setPosixFilePermissions(
          p.authkey(), java.nio.file.attribute.PosixFilePermissions.fromString("r--------"));
    }
  }

  NodePaths paths(String node) {
    return new NodePaths(base.resolve(node));
  }

  Path cibFile(String node) {
    return paths(node).libDir().resolve("cib").resolve("cib.xml");
  }

  /** Writes the CIB file the node's stonithd follows (atomically, as the CIB daemon does). */
  void writeCib(String node, String xml) throws IOException {
    Path dir = cibFile(node).getParent();
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
    NodePaths p = paths(node);
    Files.createDirectories(p.runDir());
    Files.createDirectories(p.logDir());
    if (ring != null) {
      Process m = launch(node, "org.pacer.membership.MembershipDaemon", "membership", List.of());
      memberships.put(node, m);
    }
    List<String> args =
        new ArrayList<>(
            List.of(
                "--agents-dir",
                "/usr/sbin",
                "--agents-dir",
                PACER_AGENTS.toString(),
                "--cib-file",
                cibFile(node).toString()));
    if (hub != null) {
      args.addAll(List.of("--group-hub", base.resolve("hub.sock").toString()));
    }
    daemons.put(node, launch(node, "org.pacer.stonithd.StonithDaemon", "stonithd", args));
    Path socket = p.socket("stonithd");
    await(
        () -> Files.exists(socket) && member(node, node),
        Duration.ofSeconds(60),
        node + " did not start; see " + p.logDir());
  }

  Process launch(String node, String mainClass, String name, List<String> extra)
      throws IOException {
    NodePaths p = paths(node);
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    cmd.addAll(List.of("--root", p.root().toString(), "--node", node));
    cmd.addAll(extra);
    Process proc =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(p.logDir().resolve(name + ".log").toFile()))
            .start();
    Files.writeString(p.pidFile(name), proc.pid() + "\n");
    return proc;
  }

  /** Whether {@code node}'s stonithd counts {@code member} in its group. */
  boolean member(String node, String member) {
    if (hub != null) {
      return hub.memberNames().contains(member);
    }
    try (StonithClient c = StonithClient.connect(loops, paths(node), "probe")) {
      return c.status().get(2, java.util.concurrent.TimeUnit.SECONDS).members().contains(member);
    } catch (Exception e) {
      return false;
    }
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
    for (Map<String, Process> all : List.of(daemons, memberships)) {
      Process p = all.remove(node);
      if (p != null) {
        p.destroyForcibly();
        try {
          p.waitFor();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  @Override
  public void close() {
    clients.forEach(StonithClient::close);
    java.util.Set<String> all = new java.util.LinkedHashSet<>(daemons.keySet());
    all.addAll(memberships.keySet());
    for (String node : all) {
      stop(node);
    }
    if (hub != null) {
      hub.close();
    }
    loops.close();
  }

  static String device(String id, String agent, String... params) {
    return TestCibs.primitive(id, agent, params);
  }

  static String cib(List<String> nodes, String resources, String topology) {
    return TestCibs.cib("", TestCibs.nodes(nodes), resources, "", topology);
  }
}
