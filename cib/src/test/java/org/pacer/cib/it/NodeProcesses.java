package org.pacer.cib.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.pacer.cib.CibDaemon;
import org.pacer.cib.client.CibClient;
import org.pacer.membership.MembershipDaemon;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.rpc.ClientOptions;
import org.pacer.messaging.transport.Endpoint;
import org.pacer.messaging.transport.EventLoops;

/**
 * Nodes for the CIB's process-level tests: on each node a real {@code pacer-membership} (nodes on
 * 127.0.0.1, .2, .3, one authkey, a random port) and a real {@code pacer-cib} joined to it, each
 * its own JVM. Processes are stopped by their handles only.
 */
public final class NodeProcesses implements AutoCloseable {
  final Path dir;
  final int count;
  private final Process[] membership;
  private final Process[] cib;

  private final EventLoops loops = EventLoops.create("nodes-client", 1);

  public NodeProcesses(Path dir, int count) throws IOException {
    this.dir = dir;
    this.count = count;
    this.membership = new Process[count];
    this.cib = new Process[count];
    int port = 20_000 + new SecureRandom().nextInt(20_000);
    byte[] key = new byte[256];
    new SecureRandom().nextBytes(key);
    StringBuilder nodes = new StringBuilder();
    for (int i = 1; i <= count; i++) {
      nodes.append("  node {\n    nodeid: ").append(i).append("\n    name: ").append(name(i - 1));
      nodes.append("\n    ring0_addr: 127.0.0.").append(i).append("\n  }\n");
    }
    String conf =
        "totem {\n  version: 2\n  cluster_name: cibit\n  transport: knet\n  crypto_hash: sha256\n"
            + "  interface {\n    linknumber: 0\n    mcastport: "
            + port
            + "\n  }\n}\n"
            + "nodelist {\n"
            + nodes
            + "}\n"
            + "quorum {\n  provider: corosync_votequorum\n}\nlogging {\n  to_stderr: yes\n}\n";
    for (int i = 0; i < count; i++) {
      NodePaths p = paths(i);
      Files.createDirectories(p.etcDir());
      Files.createDirectories(p.logDir());
      Files.writeString(p.corosyncConf(), conf);
      Files.write(p.authkey(), key);
      Files.setPosixFilePermissions(p.authkey(), PosixFilePermissions.fromString("r--------"));
    }
  }

  /** Starts every node's membership, then every node's cib, and waits until they answer. */
  public void startAll() throws Exception {
    for (int i = 0; i < count; i++) {
      startMembership(i);
    }
    for (int i = 0; i < count; i++) {
      startCibAndWait(i);
    }
  }

  /** Starts a node's cib daemon and waits until its socket answers. */
  public void startCibAndWait(int i) throws Exception {
    startCib(i);
    try (CibClient c = client(i, Duration.ofSeconds(60))) {
      c.status();
    }
  }

  public CibClient client(int i, Duration connectWait) {
    return CibClient.connect(
        loops,
        new Endpoint.Local(paths(i).socket("cib")),
        ClientOptions.named("it").withConnectWait(connectWait).withReconnect(false),
        Duration.ofSeconds(60));
  }

  /**
   * Waits until every node reports one digest, all nodes in the group and no round running; returns
   * the digests seen last (one when settled).
   */
  public Set<String> settle(Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    Set<String> digests = new HashSet<>();
    while (System.nanoTime() < deadline) {
      digests.clear();
      boolean busy = false;
      for (int i = 0; i < count; i++) {
        try (CibClient c = client(i, Duration.ofSeconds(5))) {
          var s = c.status();
          digests.add(s.path("digest").asText());
          busy |= s.path("syncing").asBoolean() || s.path("members").size() != count;
        }
      }
      if (digests.size() == 1 && !busy) {
        return digests;
      }
      Thread.sleep(50);
    }
    return digests;
  }

  public static String name(int i) {
    return "node" + (i + 1);
  }

  public NodePaths paths(int i) {
    return new NodePaths(dir.resolve(name(i)));
  }

  Path cibLog(int i) {
    return paths(i).logDir().resolve("cib.log");
  }

  void startMembership(int i) throws IOException {
    membership[i] = launch(MembershipDaemon.class.getName(), i, "membership.log");
  }

  void startCib(int i) throws IOException {
    cib[i] = launch(CibDaemon.class.getName(), i, "cib.log");
  }

  private Process launch(String main, int i, String log) throws IOException {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx192m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            main,
            "--root",
            paths(i).root().toString(),
            "--node",
            name(i))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(paths(i).logDir().resolve(log).toFile()))
        .start();
  }

  /** SIGKILL of the node's cib daemon: no shutdown hook, no last write. */
  public void killCib(int i) throws InterruptedException {
    kill(cib[i]);
  }

  private static void kill(Process p) throws InterruptedException {
    if (p != null && p.isAlive()) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (Process p : List.of(cib)) {
      kill(p);
    }
    for (Process p : List.of(membership)) {
      kill(p);
    }
    loops.close();
  }
}
