package org.pacer.cib.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.pacer.cib.client.CibClient;
import org.pacer.cib.document.CibSection;
import org.pacer.cib.document.CibVersion;
import org.pacer.cib.it.NodeProcesses;
import org.pacer.cib.ops.CibWrite;
import org.pacer.messaging.testing.PerformanceReport;

/**
 * Throughput and latency of the CIB daemons: three daemons joined by the in-JVM total-order group
 * (so these figures are the CIB's own cost — apply, validate, digest, persist with fsync, local
 * sockets — without the ring's network), writes per second from one and from eight clients, the
 * time from a write's acknowledgement on one node to its diff reaching a subscriber of another, and
 * how long a node that starts empty takes to receive a 5 MB CIB.
 *
 * <p>Run: {@value #COMMAND}
 */
public final class CibBench {
  static final String COMMAND =
      "mvn -q -pl cib -am test-compile dependency:build-classpath"
          + " -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test"
          + " && java -cp cib/target/test-classes:cib/target/classes:$(cat cib/target/bench.classpath)"
          + " org.pacer.cib.bench.CibBench";

  private final NodeProcesses nodes;

  CibBench(Path base) throws java.io.IOException {
    this.nodes = new NodeProcesses(base, 3);
  }

  public static void main(String[] args) throws Exception {
    Path base = Files.createTempDirectory("cib-bench");
    CibBench b = new CibBench(base);
    try {
      String table = b.run();
      System.out.println(table);
      PerformanceReport.update(PerformanceReport.locate(), "cib", table);
    } finally {
      b.nodes.close();
      deleteTree(base);
    }
    System.exit(0);
  }

  CibClient client(int i) {
    return nodes.client(i, Duration.ofSeconds(10));
  }

  void settle() throws Exception {
    if (nodes.settle(Duration.ofSeconds(120)).size() != 1) {
      throw new IllegalStateException("the nodes did not settle");
    }
  }

  String run() throws Exception {
    nodes.startAll();
    settle();
    StringBuilder t = new StringBuilder();
    t.append("## cib\n\nMeasured ")
        .append(LocalDate.now())
        .append(" on this machine (2 cores, shared with other builds; load average ")
        .append(loadAverage())
        .append(" at the start), with `")
        .append(COMMAND)
        .append(
            "`.\n\nThree daemons in one JVM joined by the in-JVM total-order group (the membership ring")
        .append(
            " is not in these figures); every node applies every write, configuration writes are")
        .append(" fsynced to cib.xml with a backup before the client is answered.\n\n")
        .append("| what | operations | ops/s | p50 ms | p99 ms |\n|---|---|---|---|---|\n");
    counter = 0;
    writes(1, 100, true); // warm-up
    t.append(row("configuration writes, 1 client (persisted)", writes(1, 400, true)));
    t.append(row("configuration writes, 8 clients (persisted)", writes(8, 80, true)));
    t.append(row("status writes, 1 client (memory only)", writes(1, 400, false)));
    t.append(row("status writes, 8 clients (memory only)", writes(8, 80, false)));
    t.append(row("write on node1 → diff at a subscriber of node2", visibility(300)));
    settle();
    t.append("\n");
    t.append(fullSync());
    return t.toString();
  }

  private long counter;

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  record Result(long operations, double seconds, long[] latencies) {}

  static String row(String what, Result r) {
    return String.format(
        "| %s | %d | %.0f | %.2f | %.2f |%n",
        what,
        r.operations(),
        r.operations() / r.seconds(),
        PerformanceReport.percentileMicros(r.latencies(), 50) / 1000,
        PerformanceReport.percentileMicros(r.latencies(), 99) / 1000);
  }

  Result writes(int clients, int each, boolean configuration) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long[] lat = new long[clients * each];
    long prefix = counter;
    counter += (long) clients * each;
    CountDownLatch ready = new CountDownLatch(clients);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> fs = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int me = c;
      fs.add(
          pool.submit(
              () -> {
                try (CibClient cl = client(me % 3)) {
                  ready.countDown();
                  go.await();
                  for (int k = 0; k < each; k++) {
                    long id = prefix + (long) me * each + k;
                    CibWrite w =
                        configuration
                            ? new CibWrite.Create(
                                CibSection.RESOURCES,
                                "<primitive id=\"b" + id + "\" class=\"lsb\" type=\"t\"/>")
                            : new CibWrite.Modify(
                                CibSection.STATUS,
                                null,
                                "<node_state id=\"node"
                                    + (1 + me % 3)
                                    + "\" crmd=\"c"
                                    + id
                                    + "\"/>",
                                true);
                    long t0 = System.nanoTime();
                    cl.write(w, null);
                    lat[me * each + k] = System.nanoTime() - t0;
                  }
                }
                return null;
              }));
    }
    ready.await();
    long start = System.nanoTime();
    go.countDown();
    for (Future<?> f : fs) {
      f.get();
    }
    double secs = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    return new Result((long) clients * each, secs, lat);
  }

  Result visibility(int n) throws Exception {
    Map<String, Long> seen = new ConcurrentHashMap<>();
    try (CibClient watcher = client(1);
        CibClient writer = client(0)) {
      watcher.subscribe(body -> seen.put(body.path("to").asText(), System.nanoTime()), body -> {});
      long[] lat = new long[n];
      long start = System.nanoTime();
      for (int k = 0; k < n; k++) {
        long t0 = System.nanoTime();
        CibVersion v =
            writer.write(
                new CibWrite.Modify(
                    CibSection.STATUS,
                    null,
                    "<node_state id=\"node1\" crmd=\"v" + k + "\"/>",
                    true),
                null);
        Long at;
        while ((at = seen.get(v.toString())) == null) {
          Thread.onSpinWait();
        }
        lat[k] = at - t0;
      }
      return new Result(n, (System.nanoTime() - start) / 1e9, lat);
    }
  }

  String fullSync() throws Exception {
    String big = BigCib.xml(5 * 1024 * 1024);
    try (CibClient c = client(0)) {
      long t0 = System.nanoTime();
      c.write(new CibWrite.Replace(null, null, big), null);
      double replaceMs = (System.nanoTime() - t0) / 1e6;
      settle();
      int size =
          c.query(org.pacer.cib.ops.CibQuery.whole())
              .getBytes(java.nio.charset.StandardCharsets.UTF_8)
              .length;
      nodes.killCib(2);
      deleteTree(nodes.paths(2).libDir().resolve("cib"));
      long s0 = System.nanoTime();
      nodes.startCibAndWait(2);
      settle();
      double syncMs = (System.nanoTime() - s0) / 1e6;
      return String.format(
          "| what | CIB size | ms |%n|---|---|---|%n"
              + "| replace with a 5 MB CIB on node1, acknowledged (applied on all 3, persisted) | %.1f MB | %.0f |%n"
              + "| full sync: an empty node starts and receives the whole CIB (offer, choose, send, install, persist) | %.1f MB | %.0f |%n",
          size / 1048576.0, replaceMs, size / 1048576.0, syncMs);
    }
  }

  static void deleteTree(Path p) throws Exception {
    if (!Files.exists(p)) {
      return;
    }
    try (var s = Files.walk(p)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
    }
  }
}
