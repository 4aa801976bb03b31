package org.pacer.it.nemesis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.pacer.it.check.InvariantChecker;
import org.pacer.it.harness.TestCluster;
import org.pacer.it.harness.TestNode;

/**
 * Injects random faults into a running {@link TestCluster}, one at a time: each fault is healed (a
 * paused node resumed, a partition lifted, a dead node started) and the cluster must converge
 * within the bound before the next. The random choices come from one seed, so the schedule a
 * failing run prints can be run again with the same seed (timing still differs: the faults are
 * real).
 */
public final class Nemesis {

  private static final String[] DAEMONS = {
    "membership", "cib", "stonithd", "lrmd", "pengine", "crmd"
  };

  private final TestCluster cluster;
  private final InvariantChecker<TestNode> checker;
  private final Random random;
  private final long seed;
  private final List<Fault.Kind> kinds;
  private final Map<String, Path> failFiles;
  private final Duration bound;
  private final List<Fault> schedule = new ArrayList<>();
  private final Map<Fault.Kind, Integer> counts = new EnumMap<>(Fault.Kind.class);
  private final List<String> problems = new ArrayList<>();
  private final List<String> anomalies = new ArrayList<>();
  private int recoveries;
  private long t0;

  /**
   * @param kinds the faults to choose from (partitions and lossy links need namespaces)
   * @param failFiles resource id → the file whose presence makes its next monitor fail
   */
  public Nemesis(
      TestCluster cluster,
      InvariantChecker<TestNode> checker,
      long seed,
      List<Fault.Kind> kinds,
      Map<String, Path> failFiles,
      Duration bound) {
    this.cluster = cluster;
    this.checker = checker;
    this.seed = seed;
    this.random = new Random(seed);
    this.kinds = List.copyOf(kinds);
    this.failFiles = Map.copyOf(failFiles);
    this.bound = bound;
  }

  /** Injects faults until {@code duration} has passed; stops at the first problem. */
  public void run(Duration duration) throws Exception {
    t0 = System.nanoTime();
    long end = t0 + duration.toNanos();
    while (System.nanoTime() < end && problems.isEmpty()) {
      Fault.Kind kind = kinds.get(random.nextInt(kinds.size()));
      inject(kind);
      counts.merge(kind, 1, Integer::sum);
      heal();
      long ms = checker.awaitConvergence(bound, Duration.ofSeconds(3));
      if (ms < 0) {
        List<String> why = checker.convergenceFailures();
        problems.add("after " + schedule.get(schedule.size() - 1) + ": " + why.get(why.size() - 1));
      } else {
        recoveries++;
      }
      problems.addAll(checker.safetyViolations());
      // A quiet moment between faults, random so faults also land mid-recovery sometimes.
      Thread.sleep(random.nextInt(3_000));
    }
  }

  private long now() {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  private TestNode anyNode() {
    List<TestNode> up = checker.upNodes();
    List<TestNode> from = up.isEmpty() ? cluster.nodes() : up;
    return from.get(random.nextInt(from.size()));
  }

  private void record(Fault.Kind kind, TestNode node, String detail) {
    schedule.add(new Fault(now(), kind, node.name(), detail));
  }

  private void inject(Fault.Kind kind) throws Exception {
    TestNode node = anyNode();
    switch (kind) {
      case KILL_DAEMON -> {
        String daemon = DAEMONS[random.nextInt(DAEMONS.length)];
        record(kind, node, daemon);
        if (node.processes().containsKey(daemon)) {
          node.killDaemon(daemon);
        }
      }
      case KILL_NODE -> {
        record(kind, node, "kill -9 of every process");
        node.killAll();
      }
      case PAUSE_NODE -> {
        int ms = 1_000 + random.nextInt(8_000);
        record(kind, node, "SIGSTOP for " + ms + " ms");
        node.pause();
        Thread.sleep(ms);
        node.resume();
      }
      case RESTART_NODE -> {
        record(kind, node, "crm cluster stop, start");
        long t0 = System.currentTimeMillis();
        boolean stopped = node.stopOrFenced();
        Thread.sleep(6_000); // the DC's decision to fence comes a moment after the node left
        if (!stopped
            || checker.fencedDown().stream()
                .anyMatch(d -> d.node().equals(node.name()) && d.timeMs() >= t0)) {
          anomalies.add(schedule.get(schedule.size() - 1) + ": fenced when it stopped gracefully");
        }
        Thread.sleep(random.nextInt(3_000));
      }
      case RESOURCE_FAILURE -> {
        List<String> ids = new ArrayList<>(failFiles.keySet());
        java.util.Collections.sort(ids);
        String id = ids.get(random.nextInt(ids.size()));
        record(kind, node, id + " fails under its monitor");
        Files.writeString(failFiles.get(id), "fail\n");
      }
      case PARTITION -> {
        int ms = 2_000 + random.nextInt(10_000);
        record(kind, node, "isolated for " + ms + " ms");
        List<String> others =
            cluster.nodes().stream()
                .map(TestNode::name)
                .filter(n -> !n.equals(node.name()))
                .toList();
        cluster.network().partition(List.of(Set.copyOf(others), Set.of(node.name())));
        Thread.sleep(ms);
        cluster.network().heal();
      }
      case LOSSY_LINK -> {
        int percent = 10 + random.nextInt(31);
        int ms = 3_000 + random.nextInt(10_000);
        record(kind, node, percent + "% loss for " + ms + " ms");
        cluster.network().lossy(node.name(), percent);
        Thread.sleep(ms);
        cluster.network().heal();
      }
    }
  }

  /**
   * Starts every node that has no processes left (killed, fenced, stopped), once the survivors have
   * seen it go and any fencing of it is over: the cluster fences a node it lost uncleanly, and a
   * node started before that would be killed while it boots. A start the fencing cut short anyway
   * is tried again.
   */
  private void heal() throws Exception {
    for (int attempt = 1; ; attempt++) {
      List<TestNode> dead = cluster.nodes().stream().filter(n -> !n.running()).toList();
      if (dead.isEmpty()) {
        return;
      }
      for (TestNode n : dead) {
        cluster.await(n + " to be gone", Duration.ofSeconds(60), () -> n.processes().isEmpty());
        cluster.await(
            "the others to see " + n + " gone", Duration.ofSeconds(60), () -> seenGone(n));
        if (!checker.awaitFencingQuiet(n.name(), Duration.ofSeconds(5), bound)) {
          throw new AssertionError("fencing of " + n + " never went quiet");
        }
      }
      try {
        cluster.onEveryNodeAtOnce(dead, TestNode::start);
        return;
      } catch (java.util.concurrent.ExecutionException e) {
        if (attempt == 5) {
          throw e;
        }
        schedule.add(new Fault(now(), Fault.Kind.RESTART_NODE, "-", "start cut short: " + e));
        // A fence agent still at work kills every new process of the node for a while (it
        // retries its SIGKILLs): back off before the next try.
        Thread.sleep(5_000L * attempt);
      }
    }
  }

  /** Whether no controller that answers still counts {@code node} as a member. */
  private boolean seenGone(TestNode node) {
    for (TestNode n : checker.upNodes()) {
      var st = n.crmdStatus();
      if (st.isPresent()) {
        for (var m : st.get().path("members")) {
          if (m.asText().equals(node.name())) {
            return false;
          }
        }
      }
    }
    return true;
  }

  public long seed() {
    return seed;
  }

  public List<Fault> schedule() {
    return List.copyOf(schedule);
  }

  public Map<Fault.Kind, Integer> counts() {
    return Map.copyOf(counts);
  }

  public int recoveries() {
    return recoveries;
  }

  /**
   * What went wrong without breaking an invariant (a node fenced while it stopped gracefully:
   * pacer-pengine has no do_shutdown yet, docs/reliability.md).
   */
  public List<String> anomalies() {
    return List.copyOf(anomalies);
  }

  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** The seed, the figures and the whole schedule, as a failing run prints them. */
  public String report() {
    StringBuilder sb = new StringBuilder();
    sb.append("nemesis seed ")
        .append(seed)
        .append(" (replay: -Dsoak.seed=")
        .append(seed)
        .append(")\n");
    sb.append("faults by kind: ").append(counts).append('\n');
    sb.append("recoveries: ").append(recoveries);
    sb.append(", worst convergence: ").append(checker.worstConvergenceMs()).append(" ms\n");
    sb.append("problems: ").append(problems.size()).append('\n');
    problems.forEach(p -> sb.append("  ").append(p).append('\n'));
    sb.append("anomalies (no invariant broken): ").append(anomalies.size()).append('\n');
    anomalies.forEach(a -> sb.append("  ").append(a).append('\n'));
    sb.append("schedule:\n");
    schedule.forEach(f -> sb.append("  ").append(f).append('\n'));
    return sb.toString();
  }
}
