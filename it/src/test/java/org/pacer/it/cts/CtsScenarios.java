package org.pacer.it.cts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pacer.cib.client.CibClient;
import org.pacer.cib.document.CibSection;
import org.pacer.cib.ops.CibWrite;
import org.pacer.it.check.Activity;
import org.pacer.it.check.AgentEvent;
import org.pacer.it.check.Expected;
import org.pacer.it.check.InvariantChecker;
import org.pacer.it.harness.ClusterConfig;
import org.pacer.it.harness.TestCluster;
import org.pacer.it.harness.TestNode;

/**
 * Pacemaker's CTS scenarios (cts-lab's StartOnebyOne, SimulStart, StopOnebyOne, SimulStop,
 * RestartOnebyOne, StonithdTest, ComponentFail, SplitBrainTest, MaintenanceMode, Reattach,
 * ResourceRecover, NearQuorumPoint...) as steps on one shared cluster: each step injects its fault,
 * writes a configuration change the cluster must keep, and ends when the {@link InvariantChecker}
 * sees the cluster converged; the safety invariants are checked over the whole run.
 */
public final class CtsScenarios {

  static final Duration CONVERGE = Duration.ofSeconds(150);
  static final Duration STABLE = Duration.ofSeconds(3);
  static final Duration FENCING_QUIET = Duration.ofSeconds(6);
  static final String[] DAEMONS = {"pengine", "lrmd", "stonithd", "cib", "crmd", "membership"};

  private final TestCluster cluster;
  private final InvariantChecker<TestNode> checker;
  private final Map<String, Long> convergence = new LinkedHashMap<>();
  private final List<String> failures = new ArrayList<>();
  private final List<String> unexpectedFencings =
      java.util.Collections.synchronizedList(new ArrayList<>());
  private int marks;
  private boolean failFast = true;

  public CtsScenarios(TestCluster cluster) {
    this.cluster = cluster;
    this.checker = new InvariantChecker<>(cluster, expected());
  }

  public InvariantChecker<TestNode> checker() {
    return checker;
  }

  /**
   * Whether the clone and the promotable clone take part: yes unless {@code -Dit.clones=false}
   * (which leaves the primitive and the group, to tell a clone problem from another).
   */
  public static boolean withClones() {
    return !"false".equalsIgnoreCase(System.getProperty("it.clones", "true").trim());
  }

  /** The resources every scenario runs with: a primitive, a group, a clone, a promotable clone. */
  public static List<Expected> expected() {
    List<Expected> all =
        new ArrayList<>(
            List.of(
                new Expected.Primitive("p1"),
                new Expected.Primitive("g1a"),
                new Expected.Primitive("g1b")));
    if (withClones()) {
      all.add(new Expected.Clone("cp"));
      all.add(new Expected.Promotable("sp", 1));
    }
    return all;
  }

  String[] resources() {
    Path log = cluster.agentLogDir();
    List<String> all =
        new ArrayList<>(
            List.of(
                ClusterConfig.logged("p1", log, 3, false, failFile("p1")),
                ClusterConfig.group(
                    "g1",
                    ClusterConfig.logged("g1a", log, 5, false, null),
                    ClusterConfig.logged("g1b", log, 5, false, null))));
    if (withClones()) {
      all.add(ClusterConfig.clone("c1", ClusterConfig.logged("cp", log, 5, false, null)));
      all.add(ClusterConfig.promotable("s1", ClusterConfig.logged("sp", log, 5, true, null), 1));
    }
    return all.toArray(String[]::new);
  }

  Path failFile(String resource) {
    return cluster.dir().resolve("fail-" + resource);
  }

  /** Runs one step; a failure is recorded and the next steps still run (they may heal it). */
  public void step(String name, Step body) {
    if (failFast && !failures.isEmpty()) {
      progress(String.format("CTS %-32s skipped (an earlier step failed)", name));
      return;
    }
    long t0 = System.nanoTime();
    String outcome = "ok";
    try {
      body.run();
      mark(name);
      long ms = checker.awaitConvergence(CONVERGE, STABLE);
      if (ms < 0) {
        List<String> why = checker.convergenceFailures();
        outcome = why.get(why.size() - 1);
        failures.add(name + ": " + outcome);
      }
      convergence.put(name, ms);
    } catch (Throwable e) {
      outcome = "failed: " + e;
      failures.add(name + ": " + e);
    }
    progress(
        String.format(
            "CTS %-32s %6d ms, converged in %6d ms: %s",
            name,
            (System.nanoTime() - t0) / 1_000_000,
            convergence.getOrDefault(name, -1L),
            outcome));
  }

  /** Stop running steps after the first that fails (the default: later ones would only pile up). */
  public CtsScenarios failFast(boolean failFast) {
    this.failFast = failFast;
    return this;
  }

  /** Prints a line and appends it to the cluster directory's steps.log (readable while it runs). */
  void progress(String line) {
    System.out.println(line);
    try {
      Files.writeString(
          cluster.dir().resolve("steps.log"),
          line + "\n",
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      // The line is on stdout too.
    }
  }

  /** Something a step does. */
  @FunctionalInterface
  public interface Step {
    void run() throws Exception;
  }

  /** Step failures plus every safety violation over the whole run. */
  public List<String> problems() throws IOException {
    List<String> all = new ArrayList<>(failures);
    all.addAll(unexpectedFencings);
    all.addAll(checker.safetyViolations());
    return all;
  }

  public Map<String, Long> convergence() {
    return convergence;
  }

  /** A configuration change through a node that is up; the cluster must keep it. */
  void mark(String step) {
    String id = "it-mark-" + (++marks);
    for (TestNode n : checker.upNodes()) {
      try (CibClient cib = n.cib()) {
        cib.write(
            new CibWrite.Modify(
                CibSection.CRM_CONFIG,
                null,
                ClusterConfig.options(Map.of(id, step.replaceAll("[^A-Za-z0-9-]", "-"))),
                true),
            null);
        checker.acknowledged(step, "name=\"" + id + "\"");
        return;
      } catch (RuntimeException e) {
        // No quorum or a busy CIB on this node: try the next one.
      }
    }
  }

  private TestNode upNode() {
    return checker.upNodes().get(0);
  }

  private TestNode dcOrFirst() {
    return cluster.dc().orElse(upNode());
  }

  /** A node that is not the DC (the DC when it is alone). */
  private TestNode nonDc() {
    TestNode dc = dcOrFirst();
    return checker.upNodes().stream().filter(n -> n != dc).findFirst().orElse(dc);
  }

  private TestNode running(String resource) throws IOException {
    Set<String> on = checker.activity().activeNow(resource);
    return cluster.nodes().stream()
        .filter(n -> on.contains(n.name()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(resource + " runs nowhere"));
  }

  private void setOption(String name, String value) {
    try (CibClient cib = dcOrFirst().cib()) {
      cib.write(
          new CibWrite.Modify(
              CibSection.CRM_CONFIG, null, ClusterConfig.options(Map.of(name, value)), true),
          null);
    }
  }

  /**
   * Lets the fault play out, then starts every node that fencing (or the fault itself) left without
   * processes, until every node runs and no fencing is pending or recent: the cluster may decide to
   * fence seconds after a fault (a controller that died, a membership daemon restarted), and a step
   * that ended before would leave the next one a smaller cluster than it thinks.
   */
  private void settle() throws Exception {
    for (int round = 1; round <= 5; round++) {
      Thread.sleep(FENCING_QUIET.toMillis());
      for (TestNode n : cluster.nodes()) {
        if (!checker.awaitFencingQuiet(n.name(), FENCING_QUIET, CONVERGE)) {
          throw new AssertionError("fencing of " + n + " never went quiet");
        }
      }
      List<TestNode> dead = cluster.nodes().stream().filter(n -> !n.running()).toList();
      if (dead.isEmpty()) {
        return;
      }
      for (TestNode n : dead) {
        cluster.await(n + " to be gone", CONVERGE, () -> n.processes().isEmpty());
      }
      try {
        cluster.onEveryNodeAtOnce(dead, TestNode::start);
      } catch (java.util.concurrent.ExecutionException e) {
        progress("CTS   a start was cut short (fenced while booting?): " + e.getCause());
      }
    }
    throw new AssertionError(
        "nodes kept dying: " + cluster.nodes().stream().filter(n -> !n.running()).toList());
  }

  private void awaitFenced(TestNode node) {
    cluster.await(
        node + " fenced",
        CONVERGE,
        () ->
            checker.fencedDown().stream().anyMatch(d -> d.node().equals(node.name()))
                && node.processes().isEmpty());
    // pacer-crmd does not learn of fencings others asked for: it fences the lost node again
    // (docs/reliability.md, "Known bugs"). Start the node only once that is over.
    if (!checker.awaitFencingQuiet(node.name(), FENCING_QUIET, CONVERGE)) {
      throw new AssertionError("fencing of " + node + " never went quiet");
    }
  }

  // --- the scenarios ---------------------------------------------------------------------------

  /** StartOnebyOne: the first node alone has no quorum and runs nothing; the others join. */
  public void startOneByOne() {
    step(
        "StartOnebyOne n1",
        () -> {
          cluster.node(1).start();
          cluster.configureFencing(Map.of("stonith-timeout", "30s"));
          cluster.configure(Map.of(), resources());
        });
    step("StartOnebyOne n2", () -> cluster.node(2).start());
    step("StartOnebyOne n3", () -> cluster.node(3).start());
  }

  /** SimulStart: every node at once. */
  public void simulStart() {
    step("SimulStart", () -> cluster.onEveryNodeAtOnce(cluster.nodes(), TestNode::start));
  }

  /** ResourceRecover: p1 dies under its monitor and is recovered. */
  public void resourceRecover() {
    step(
        "ResourceRecover",
        () -> {
          int stops = count("p1", "stop");
          Files.writeString(failFile("p1"), "fail\n");
          cluster.await("p1's monitor to see it fail", CONVERGE, () -> count("p1", "stop") > stops);
        });
  }

  /** StonithdTest: an operator fences a node with crm node fence; it reboots and rejoins. */
  public void stonithdTest() {
    step(
        "StonithdTest",
        () -> {
          TestNode victim = nonDc();
          dcOrFirst().crm("node", "fence", victim.name()).requireSuccess("crm node fence");
          awaitFenced(victim);
          settle();
        });
  }

  /** A hung node (SIGSTOP) that runs p1 is detected, fenced, and its resources move once. */
  public void hungNode() {
    step(
        "HungNode (fast detection)",
        () -> {
          TestNode victim = running("p1");
          long t0 = System.nanoTime();
          victim.pause();
          awaitFenced(victim);
          progress(
              String.format(
                  "CTS   %s hung: fenced %d ms later",
                  victim, (System.nanoTime() - t0) / 1_000_000));
          settle();
        });
  }

  /** ComponentFail: kill -9 of each daemon type in turn, on a node that is not the DC. */
  public void componentFail() {
    for (String daemon : DAEMONS) {
      step(
          "ComponentFail " + daemon,
          () -> {
            TestNode victim = nonDc();
            victim.killDaemon(daemon);
            // The supervisor restarts it; the cluster may also fence the node (Pacemaker fences a
            // node whose controller or membership layer dies): settle waits for either.
            settle();
          });
    }
  }

  /** MaintenanceMode and Reattach: daemons restart under maintenance and nothing restarts. */
  public void maintenanceAndReattach() {
    step(
        "MaintenanceMode+Reattach",
        () -> {
          setOption("maintenance-mode", "true");
          Thread.sleep(3_000);
          int before = AgentEvent.readAll(cluster.agentLogDir()).size();
          cluster.onEveryNodeAtOnce(cluster.nodes(), this::stopGracefully);
          cluster.onEveryNodeAtOnce(cluster.nodes(), TestNode::startDaemons);
          long ms = checker.awaitConvergence(CONVERGE, STABLE);
          if (ms < 0) {
            throw new AssertionError("no convergence after reattach: " + checker.violations());
          }
          setOption("maintenance-mode", "false");
          Thread.sleep(3_000);
          long ms2 = checker.awaitConvergence(CONVERGE, STABLE);
          int after = AgentEvent.readAll(cluster.agentLogDir()).size();
          if (ms2 < 0 || after != before) {
            throw new AssertionError(
                "maintenance mode let the cluster touch resources: "
                    + AgentEvent.readAll(cluster.agentLogDir()).subList(before, after));
          }
        });
  }

  /** RestartOnebyOne: each node stops and starts again in turn. */
  public void restartOneByOne() {
    for (TestNode node : cluster.nodes()) {
      step(
          "RestartOnebyOne " + node,
          () -> {
            stopGracefully(node);
            long ms = checker.awaitConvergence(CONVERGE, STABLE);
            if (ms < 0) {
              throw new AssertionError("no convergence without " + node);
            }
            settle();
          });
    }
  }

  /** StopOnebyOne then SimulStart; SimulStop then SimulStart. */
  public void stopOneByOneAndSimul() {
    List<TestNode> reverse = new ArrayList<>(cluster.nodes());
    java.util.Collections.reverse(reverse);
    for (TestNode node : reverse) {
      step("StopOnebyOne " + node, () -> stopGracefully(node));
    }
    simulStart();
    step("SimulStop", () -> cluster.onEveryNodeAtOnce(cluster.nodes(), this::stopGracefully));
    simulStart();
  }

  /** SplitBrainTest: a 2|1 partition; the majority fences the minority; heal and rejoin. */
  public void splitBrain() {
    step(
        "SplitBrain 2|1 (DC in minority)",
        () -> {
          TestNode minority = dcOrFirst();
          List<String> majority =
              cluster.nodes().stream().filter(n -> n != minority).map(TestNode::name).toList();
          cluster.network().partition(List.of(Set.copyOf(majority), Set.of(minority.name())));
          awaitFenced(minority);
          cluster.network().heal();
          settle();
        });
  }

  /**
   * A graceful stop; a node fenced while stopping or right after (Pacemaker's CTS calls it an
   * unexpected fencing) fails the run, recorded while the steps go on (later steps do not depend on
   * it).
   */
  void stopGracefully(TestNode node) throws Exception {
    long t0 = System.currentTimeMillis();
    boolean stopped = node.stopOrFenced();
    Thread.sleep(FENCING_QUIET.toMillis());
    boolean fenced =
        !stopped
            || checker.fencedDown().stream()
                .anyMatch(d -> d.node().equals(node.name()) && d.timeMs() >= t0);
    if (fenced) {
      unexpectedFencings.add(node + " was fenced when it stopped gracefully");
      progress("CTS   " + node + " was fenced when it stopped gracefully");
    }
  }

  int count(String resource, String action) {
    try {
      return (int)
          AgentEvent.readAll(cluster.agentLogDir()).stream()
              .filter(e -> e.resource().equals(resource) && e.action().equals(action))
              .count();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  Activity activity() throws IOException {
    return checker.activity();
  }
}
