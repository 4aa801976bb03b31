package org.pacer.stonithd.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.pacer.stonithd.api.StonithClient;
import org.pacer.stonithd.api.StonithProtocol.FenceReply;
import org.pacer.stonithd.coordination.FenceState;
import org.pacer.stonithd.daemon.TestClusterAccess;

/**
 * Measures fencing through three real nodes: from the request on one node to the result back there,
 * with the recording test agent (so the figure is stonithd's own cost plus one agent run). By
 * default the nodes run pacer-membership (on 127.0.0.1-3); {@code hub} joins them through the group
 * hub instead. Run with:
 *
 * <pre>
 * mvn -o -q -pl stonithd -am test-compile
 * mvn -o -q -pl stonithd exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="-cp %classpath org.pacer.stonithd.bench.FencingBench 50 [hub]"
 * </pre>
 */
public final class FencingBench {

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    boolean viaHub = args.length > 1 && args[1].equals("hub");
    String how = viaHub ? "group hub" : "pacer-membership";
    Path dir = Files.createTempDirectory("stonithd-bench");
    List<String> nodes = List.of("node1", "node2", "node3");
    try (TestClusterAccess cluster =
        viaHub ? new TestClusterAccess(dir) : new TestClusterAccess(dir, nodes)) {
      String record = dir.resolve("record.txt").toString();
      String cib =
          TestClusterAccess.cib(
              nodes,
              TestClusterAccess.device(
                  "rec",
                  "fence_pacer_record",
                  "record_file",
                  record,
                  "pcmk_host_list",
                  "node2 node3"));
      long startAll = System.nanoTime();
      for (String n : nodes) {
        cluster.writeCib(n, cib);
        cluster.start(n);
      }
      System.out.printf(
          "3 nodes started and joined (%s) in %d ms%n",
          how, (System.nanoTime() - startAll) / 1_000_000);
      StonithClient client = cluster.client("node1");
      // Warm up: meta-data read, JIT.
      for (int i = 0; i < 5; i++) {
        client.fence("node2", "reboot", Duration.ofSeconds(30), Duration.ZERO, "bench").get();
      }
      List<Long> micros = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        long t0 = System.nanoTime();
        FenceReply r =
            client
                .fence(
                    i % 2 == 0 ? "node2" : "node3",
                    "reboot",
                    Duration.ofSeconds(30),
                    Duration.ZERO,
                    "bench")
                .get();
        micros.add((System.nanoTime() - t0) / 1_000);
        if (r.result().state() != FenceState.SUCCESS) {
          throw new IllegalStateException("fencing failed: " + r.result().reason());
        }
      }
      Collections.sort(micros);
      System.out.printf(
          "fence request to result, 3 nodes (%s), fence_pacer_record: n=%d p50=%.1f ms p95=%.1f ms max=%.1f ms%n",
          how,
          runs,
          micros.get(runs / 2) / 1000.0,
          micros.get((int) (runs * 0.95)) / 1000.0,
          micros.get(runs - 1) / 1000.0);
      long rss = 0;
      for (String n : nodes) {
        for (String line : Files.readAllLines(Path.of("/proc/" + cluster.pid(n) + "/status"))) {
          if (line.startsWith("VmRSS:")) {
            rss += Long.parseLong(line.replaceAll("\\D+", ""));
          }
        }
      }
      System.out.printf(
          "RSS per stonithd daemon: %d MiB (average of 3, -Xmx96m)%n", rss / 3 / 1024);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
