package org.pacer.membership.it;

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
import org.pacer.membership.MembershipDaemon;
import org.pacer.membership.api.StatusReply;
import org.pacer.membership.client.MembershipClient;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.transport.EventLoops;

/**
 * Real {@code pacer-membership} processes on loopback addresses 127.0.0.1..n, each in its own JVM
 * with its own root directory, for integration tests and the benchmark. Every process it starts is
 * stopped by {@link #close} (by its handle, never by name).
 */
public final class DaemonCluster implements AutoCloseable {

  public final Path dir;
  public final int nodes;
  public final int port;
  public final byte[] authkey = new byte[256];
  private final Process[] processes;
  private final EventLoops loops = EventLoops.create("it-client", 1);

  /**
   * @param totemOptions extra lines for the totem section (e.g. {@code token: 300})
   */
  public DaemonCluster(int nodes, String totemOptions) throws IOException {
    this(nodes, totemOptions, 1);
  }

  /**
   * @param links 1, or 2 for a second link on 127.0.1.n
   */
  public DaemonCluster(int nodes, String totemOptions, int links) throws IOException {
    this.nodes = nodes;
    this.dir = Files.createTempDirectory("pacer-membership-it");
    this.port = 20_000 + new SecureRandom().nextInt(20_000);
    this.processes = new Process[nodes];
    new SecureRandom().nextBytes(authkey);
    StringBuilder conf = new StringBuilder();
    conf.append("totem {\n  version: 2\n  cluster_name: itcluster\n  transport: knet\n");
    conf.append("  crypto_hash: sha256\n").append(totemOptions).append('\n');
    conf.append("  interface {\n    linknumber: 0\n    mcastport: ")
        .append(port)
        .append("\n  }\n}\n");
    conf.append("nodelist {\n");
    for (int i = 1; i <= nodes; i++) {
      conf.append("  node {\n    nodeid: ").append(i).append("\n    name: n").append(i);
      for (int l = 0; l < links; l++) {
        conf.append("\n    ring").append(l).append("_addr: 127.0.").append(l).append('.').append(i);
      }
      conf.append("\n  }\n");
    }
    conf.append("}\nquorum {\n  provider: corosync_votequorum\n}\n");
    conf.append("logging {\n  to_stderr: yes\n}\n");
    for (int i = 1; i <= nodes; i++) {
      NodePaths p = paths(i);
      Files.createDirectories(p.etcDir());
      Files.writeString(p.corosyncConf(), conf);
      Files.write(p.authkey(), authkey);
      Files.setPosixFilePermissions(p.authkey(), PosixFilePermissions.fromString("r--------"));
      Files.createDirectories(p.logDir());
    }
  }

  /** Gives one node a key of its own (another cluster, as far as the others can tell). */
  public void foreignKey(int node) throws IOException {
    byte[] other = new byte[256];
    new SecureRandom().nextBytes(other);
    Path key = paths(node).authkey();
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    Files.write(key, other);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("r--------"));
  }

  public NodePaths paths(int node) {
    return new NodePaths(dir.resolve("n" + node));
  }

  public void start(int node) throws IOException {
    NodePaths p = paths(node);
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            MembershipDaemon.class.getName(),
            "--root",
            p.root().toString(),
            "--node",
            "n" + node);
    pb.redirectErrorStream(true);
    pb.redirectOutput(
        ProcessBuilder.Redirect.appendTo(p.logDir().resolve("membership.log").toFile()));
    processes[node - 1] = pb.start();
  }

  public void startAll() throws IOException {
    for (int i = 1; i <= nodes; i++) {
      start(i);
    }
  }

  /** kill -9. */
  public void kill(int node) throws InterruptedException {
    Process p = processes[node - 1];
    p.destroyForcibly();
    p.waitFor(10, TimeUnit.SECONDS);
  }

  /** SIGTERM: the daemon leaves the ring gracefully. */
  public void stop(int node) throws InterruptedException {
    Process p = processes[node - 1];
    p.destroy();
    if (!p.waitFor(15, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
  }

  public boolean alive(int node) {
    return processes[node - 1] != null && processes[node - 1].isAlive();
  }

  public MembershipClient client(int node) throws IOException {
    return MembershipClient.connect(paths(node), loops, "it", Duration.ofSeconds(30));
  }

  /** The node's status, or null when it does not answer. */
  public StatusReply status(int node) {
    try (MembershipClient c =
        MembershipClient.connect(paths(node), loops, "it", Duration.ofMillis(300))) {
      return c.status().get(2, TimeUnit.SECONDS);
    } catch (Exception e) {
      return null;
    }
  }

  /**
   * Polls (every 20 ms, up to {@code limit}) until every listed node's status satisfies {@code ok};
   * returns the time it took in ms.
   */
  public long await(List<Integer> nodeList, Predicate<StatusReply> ok, Duration limit)
      throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    while (System.nanoTime() < deadline) {
      boolean all = true;
      for (int n : nodeList) {
        StatusReply s = status(n);
        if (s == null || !ok.test(s)) {
          all = false;
          break;
        }
      }
      if (all) {
        return (System.nanoTime() - start) / 1_000_000;
      }
      Thread.sleep(20);
    }
    StringBuilder sb =
        new StringBuilder("timed out after " + limit + " waiting for nodes " + nodeList);
    for (int n : nodeList) {
      sb.append("\n  n").append(n).append(": ").append(status(n));
    }
    throw new AssertionError(sb.toString());
  }

  /** A predicate: operational in a ring whose members are exactly {@code ids}. */
  public static Predicate<StatusReply> ringOf(List<Integer> ids) {
    return s ->
        s.state().equals("operational")
            && s.members().stream().map(StatusReply.Member::id).toList().equals(ids);
  }

  public static List<Integer> range(int from, int to) {
    List<Integer> l = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      l.add(i);
    }
    return l;
  }

  public String log(int node) {
    try {
      return Files.readString(paths(node).logDir().resolve("membership.log"));
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    for (Process p : processes) {
      if (p != null && p.isAlive()) {
        p.destroyForcibly();
        try {
          p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    loops.close();
    if (!Boolean.getBoolean("it.keep")) { // -Dit.keep=true keeps roots and logs for a look
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException e) {
        // a leftover temporary directory is harmless
      }
    }
  }
}
