package org.pacer.membership.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.pacer.membership.api.CpgPush;
import org.pacer.membership.client.CpgClient;
import org.pacer.membership.client.MembershipClient;
import org.pacer.membership.it.DaemonCluster;
import org.pacer.messaging.testing.PerformanceReport;

/**
 * Measures pacer-membership with three real daemons on loopback: ordered process-group messages per
 * second and MB/s for 100 B, 1 KiB and 64 KiB messages, delivery latency, ring formation time, and
 * failure detection time (kill -9) at the default token and at a 300 ms token. Writes the {@code
 * membership} block of docs/performance.md.
 */
public final class MembershipBench {

  private MembershipBench() {}

  static final String COMMAND =
      "mvn -q -pl membership -am test-compile && java -cp"
          + " membership/target/test-classes:membership/target/classes:$(cat"
          + " membership/target/test-classpath.txt) org.pacer.membership.bench.MembershipBench";

  public static void main(String[] args) throws Exception {
    StringBuilder md = new StringBuilder("## membership\n\n");
    md.append("Measured ")
        .append(LocalDate.now())
        .append(" on this machine (2 cores, shared with other builds), with `")
        .append(COMMAND)
        .append("`. Three `pacer-membership` JVMs on 127.0.0.1–3, HMAC-SHA256 on every packet,")
        .append(" netmtu 1500; clients are in the benchmark's JVM, one per node, over each node's")
        .append(" local socket.\n\n");
    md.append("| messages | size | sent | msgs/s (ordered, all delivered on 3 nodes) | MB/s |")
        .append(" latency p50 ms | latency p99 ms |\n|---|---|---|---|---|---|---|\n");
    long formation;
    try (DaemonCluster c = new DaemonCluster(3, "")) {
      formation = formRing(c);
      try (Group g = new Group(c)) {
        for (int[] run : new int[][] {{100, 20_000}, {1024, 10_000}, {65_536, 600}}) {
          Result r = g.run(run[0], run[1]);
          md.append(
              String.format(
                  "| group, 3 senders | %s | %d | %.0f | %.1f | %.1f | %.1f |%n",
                  size(run[0]), r.sent, r.perSec, r.mbPerSec, r.p50, r.p99));
          System.out.println(md);
        }
        Result paced = g.paced(1024, 2000, 200);
        md.append(
            String.format(
                "| group, 200 msgs/s paced | 1 KiB | %d | %.0f | %.2f | %.1f | %.1f |%n",
                paced.sent, paced.perSec, paced.mbPerSec, paced.p50, paced.p99));
      }
      md.append(
              "\nRing formation (three daemons already answering, to one operational ring of 3): ")
          .append(formation)
          .append(" ms.\n\n");
      md.append(
              "| failure detection, kill -9 of 1 of 3 | token (effective) | Pacer: ring of 2 after |")
          .append(" Corosync would wait token + consensus |\n|---|---|---|---|\n");
      long dflt = detect(c);
      md.append(String.format("| default settings | 3650 ms | %d ms | 8030 ms |%n", dflt));
    }
    try (DaemonCluster c = new DaemonCluster(3, "  token: 300\n")) {
      formRing(c);
      long fast = detect(c);
      md.append(String.format("| token: 300 | 950 ms | %d ms | 2090 ms |%n", fast));
    }
    md.append(
            "\nDetection is per-link heartbeats (every token/8, a link is down after silence of 3/4")
        .append(
            " of the token), then one gather round with the lost node already failed; the figure is")
        .append(" polled every 20 ms through the status request, so it includes up to 20 ms of")
        .append(
            " polling. Latency is from `send` on one client to delivery on each of the three.\n");
    System.out.println(md);
    PerformanceReport.update(PerformanceReport.locate(), "membership", md.toString().strip());
    System.exit(0);
  }

  private static String size(int bytes) {
    return bytes >= 1024 ? (bytes / 1024) + " KiB" : bytes + " B";
  }

  private static long formRing(DaemonCluster c) throws Exception {
    c.startAll();
    c.await(List.of(1, 2, 3), s -> true, Duration.ofSeconds(120));
    return c.await(
        List.of(1, 2, 3), DaemonCluster.ringOf(List.of(1, 2, 3)), Duration.ofSeconds(60));
  }

  private static long detect(DaemonCluster c) throws Exception {
    Thread.sleep(3000);
    c.kill(3);
    return c.await(List.of(1, 2), DaemonCluster.ringOf(List.of(1, 2)), Duration.ofSeconds(60));
  }

  record Result(int sent, double perSec, double mbPerSec, double p50, double p99) {}

  /** One member per node in group "bench"; each records delivery latencies. */
  static final class Group implements AutoCloseable {
    final List<MembershipClient> conns = new ArrayList<>();
    final List<CpgClient> members = new ArrayList<>();
    volatile CountDownLatch done;
    volatile long[] latencies;
    final AtomicInteger samples = new AtomicInteger();

    Group(DaemonCluster c) throws Exception {
      CountDownLatch joined = new CountDownLatch(3);
      for (int n = 1; n <= 3; n++) {
        MembershipClient mc = c.client(n);
        conns.add(mc);
        CpgClient cpg = mc.cpg();
        cpg.join(
                "bench",
                new CpgClient.Listener() {
                  @Override
                  public void delivered(String group, CpgPush.GroupMember sender, byte[] payload) {
                    long sentAt = ByteBuffer.wrap(payload).getLong();
                    int i = samples.getAndIncrement();
                    long[] l = latencies;
                    if (l != null && i < l.length) {
                      l[i] = System.nanoTime() - sentAt;
                    }
                    CountDownLatch d = done;
                    if (d != null) {
                      d.countDown();
                    }
                  }

                  @Override
                  public void configurationChanged(
                      String group,
                      List<CpgPush.GroupMember> m,
                      List<CpgPush.GroupChange> j,
                      List<CpgPush.GroupChange> left) {
                    if (m.size() == 3) {
                      joined.countDown();
                    }
                  }
                })
            .get(10, TimeUnit.SECONDS);
        members.add(cpg);
      }
      joined.await(30, TimeUnit.SECONDS);
    }

    Result run(int size, int perSender) throws Exception {
      int total = 3 * perSender;
      latencies = new long[3 * total];
      samples.set(0);
      done = new CountDownLatch(3 * total);
      long start = System.nanoTime();
      List<Thread> senders = new ArrayList<>();
      for (CpgClient m : members) {
        Thread t =
            new Thread(
                () -> {
                  Semaphore window = new Semaphore(2000);
                  for (int i = 0; i < perSender; i++) {
                    window.acquireUninterruptibly();
                    byte[] p = new byte[size];
                    ByteBuffer.wrap(p).putLong(System.nanoTime());
                    CompletableFuture<Void> f = m.send("bench", p);
                    f.whenComplete((v, e) -> window.release());
                  }
                });
        t.start();
        senders.add(t);
      }
      for (Thread t : senders) {
        t.join();
      }
      return finish(total, size, start);
    }

    /** Waits for every delivery on every node and sums up the run. */
    private Result finish(int count, int size, long start) throws InterruptedException {
      if (!done.await(300, TimeUnit.SECONDS)) {
        throw new IllegalStateException("deliveries missing: " + done.getCount());
      }
      double secs = (System.nanoTime() - start) / 1e9;
      return new Result(
          count,
          count / secs,
          count * (double) size / secs / 1e6,
          PerformanceReport.percentileMicros(latencies, 50) / 1000,
          PerformanceReport.percentileMicros(latencies, 99) / 1000);
    }

    Result paced(int size, int count, int perSecond) throws Exception {
      latencies = new long[3 * count];
      samples.set(0);
      done = new CountDownLatch(3 * count);
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        long due = start + i * 1_000_000_000L / perSecond;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        byte[] p = new byte[size];
        ByteBuffer.wrap(p).putLong(System.nanoTime());
        members.get(i % 3).send("bench", p);
      }
      return finish(count, size, start);
    }

    @Override
    public void close() {
      members.forEach(CpgClient::close);
      conns.forEach(MembershipClient::close);
    }
  }
}
