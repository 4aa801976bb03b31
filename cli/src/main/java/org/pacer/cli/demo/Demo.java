package org.pacer.cli.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.pacer.cli.demo.DemoCluster.CrmResult;

/**
 * The demo's story, step by step: create a 3-node cluster with {@code crm cluster init|join}, start
 * it, configure a web site with {@code crm configure}, show {@code crm status} and the page, cut
 * off the node running the site and time the failover, bring the node back, stop everything. Each
 * step prints what it does in plain words; any failure ends the demo with the reason and the
 * directory holding every node's logs.
 */
final class Demo {

  static final List<String> NODES = List.of("n1", "n2", "n3");

  /** Where the site is reached, whichever node runs it: an address on no node's ring. */
  static final String SERVICE_IP = "127.0.0.100";

  private final DemoCluster cluster;
  private final Probes probes;
  private final PrintStream out;
  private final long tokenMs;
  private final long t0 = System.nanoTime();
  private String url;

  /** What the demo measured, for its summary and its test. */
  record Result(String victim, Map<String, Long> failover, Map<String, String> details) {}

  Demo(DemoCluster cluster, Probes probes, PrintStream out, long tokenMs) {
    this.cluster = cluster;
    this.probes = probes;
    this.out = out;
    this.tokenMs = tokenMs;
  }

  Result run() throws Exception {
    int port = freePort();
    url = "http://" + SERVICE_IP + ":" + port + "/";
    say("Creating the cluster's configuration (crm cluster init, then join for each other node)");
    createCluster();
    say("Starting the 3 nodes: 6 daemons each, one JVM per daemon (crm cluster start)");
    startAll();
    String dc = await("a DC that all 3 nodes joined", 120, this::joinedDc);
    say("The nodes elected " + dc + " as DC and all joined");

    say("Configuring the web site, its clone and fencing through crm configure:");
    configure(port);
    String where = await("the web site running", 120, () -> running("web"));
    await("the page answering", 30, () -> probes.fetch(url).map(p -> "ok"));
    say("The web site runs on " + where + "; " + url + " answers:");
    out.println("    " + pageLine(probes.fetch(url).orElse("")));
    showStatus(where);

    String dcNow = joinedDc().orElse("?");
    say(
        "Cutting off "
            + where
            + ", the node running the site, as a power cut would ("
            + (dcNow.equals(where)
                ? "it is the DC too: a new DC is elected first"
                : dcNow + " is the DC")
            + "):");
    Failover failover = new Failover(cluster, probes, out, where, url);
    Map<String, Long> times = failover.run(120);
    for (String step : Failover.STEPS) {
      if (!times.containsKey(step)) {
        throw new DemoFailure(
            "the failover did not complete within 120 s: no '" + step + "' step was seen");
      }
    }
    out.println("    " + pageLine(failover.details().get("page")));
    String survivor = failover.details().get("web");
    showStatus(survivor);

    say("Bringing " + where + " back (crm cluster start)");
    cluster.start(where);
    await("all 3 nodes joined again", 120, this::joinedDc);
    String now = await("the web site running", 60, () -> running("web"));
    Optional<Integer> everywhere = awaitQuietly(30, () -> cloneEverywhere());
    say(
        where
            + " is back in the cluster; base-clone runs on "
            + everywhere.map(n -> n + " nodes").orElse("fewer than 3 nodes after 30 s")
            + "; the site "
            + (now.equals(survivor)
                ? "stays on " + now + " (resource-stickiness)"
                : "runs on " + now));
    showStatus(now);

    say("Stopping: the site and the clone first (crm resource stop), then every node");
    crm(now, true, "resource", "stop", "website");
    crm(now, true, "resource", "stop", "base-clone");
    await("every resource stopped", 60, this::nothingRunning);
    // Fencing stays on: a node that stops is shut down by the DC (nothing to fence), and the last
    // node, alone without quorum, fences nobody.
    stopAll();
    return new Result(where, times, failover.details());
  }

  private void createCluster() throws Exception {
    int ringPort = 20_000 + new SecureRandom().nextInt(20_000);
    String first = NODES.get(0);
    crm(
        first,
        true,
        "cluster",
        "init",
        "--name",
        "demo",
        "--node",
        first,
        "--addr",
        address(first),
        "--port",
        Integer.toString(ringPort),
        "--token",
        Long.toString(tokenMs));
    for (String node : NODES.subList(1, NODES.size())) {
      crm(first, true, "cluster", "join", "--node", node, "--addr", address(node));
    }
    // What the operator copies by hand (join prints it): the same files on every node.
    for (String node : NODES.subList(1, NODES.size())) {
      Files.createDirectories(cluster.paths(node).etcDir());
      for (Path file :
          List.of(cluster.paths(first).corosyncConf(), cluster.paths(first).authkey())) {
        Path to = cluster.paths(node).etcDir().resolve(file.getFileName());
        Files.deleteIfExists(to);
        Files.copy(file, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
    out.println("    (copied corosync.conf and authkey to n2's and n3's /etc/pacer, as join says)");
  }

  private void startAll() throws Exception {
    List<Thread> threads = new ArrayList<>();
    List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (String node : NODES) {
      Thread t =
          new Thread(
              () -> {
                try {
                  cluster.start(node);
                  out.printf("    %s started (%s)%n", node, elapsed());
                } catch (Exception e) {
                  failures.add(e);
                }
              },
              "start-" + node);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
  }

  private void stopAll() throws Exception {
    List<Thread> threads = new ArrayList<>();
    for (String node : NODES) {
      Thread t =
          new Thread(
              () -> {
                try {
                  boolean stopped = cluster.stop(node);
                  out.printf(
                      "    %s %s (%s)%n",
                      node, stopped ? "stopped" : "did not stop in time", elapsed());
                } catch (Exception e) {
                  out.println("    " + node + ": " + e.getMessage());
                }
              },
              "stop-" + node);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
  }

  private void configure(int port) throws Exception {
    Path dir = cluster.dir();
    String script =
        String.join(
            "\n",
            "configure",
            "property stonith-enabled=true",
            "rsc_defaults resource-stickiness=100",
            "primitive fence-kill stonith:fence_pacer_kill params roots_dir=\""
                + dir
                + "\" pcmk_host_list=\"n1 n2 n3\" pcmk_host_check=static-list"
                + " op monitor interval=60s",
            "primitive site ocf:pacer:Site params docroot=\""
                + dir.resolve("www")
                + "\" op monitor interval=10s",
            "primitive web ocf:pacer:HttpServer params ip="
                + SERVICE_IP
                + " port="
                + port
                + " docroot=\""
                + dir.resolve("www")
                + "\" op monitor interval=5s",
            "group website site web",
            "primitive base ocf:pacer:Site op monitor interval=10s",
            "clone base-clone base meta globally-unique=true",
            "commit",
            "");
    for (String line : script.split("\n")) {
      out.println("    " + line);
    }
    Path file = dir.resolve("site.crm");
    Files.writeString(file, script);
    crm(NODES.get(0), true, "-f", file.toString());
  }

  private int shown;

  private void showStatus(String node) throws IOException {
    out.println("  $ crm status   (on " + node + ")");
    // The CIB behind each view, for whoever wants to look closer (crm status with CIB_file).
    Optional<String> cib = probes.cib(cluster.paths(node));
    if (cib.isPresent()) {
      Files.writeString(cluster.dir().resolve("cib-" + (++shown) + ".xml"), cib.get());
    }
    String status;
    try {
      CrmResult r = cluster.crm(node, "status");
      status = r.exit() == 0 ? r.out() : r.out() + r.err();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while asking " + node + " for its status", e);
    }
    for (String line : status.split("\n")) {
      out.println("    " + line);
    }
  }

  private Optional<String> joinedDc() {
    String dc = null;
    for (String node : NODES) {
      var status = probes.crmd(cluster.paths(node));
      if (status.isEmpty()
          || !status.get().path("joined").asBoolean()
          || status.get().path("members").size() != NODES.size()) {
        return Optional.empty();
      }
      String its = status.get().path("dc").asText();
      if (dc != null && !dc.equals(its)) {
        return Optional.empty();
      }
      dc = its;
    }
    return Optional.ofNullable(dc);
  }

  /** Where a resource runs, by the DC's CIB. */
  private Optional<String> running(String resource) {
    for (String node : NODES) {
      var status = probes.crmd(cluster.paths(node));
      if (status.isPresent() && status.get().path("isDc").asBoolean()) {
        return probes.runningOn(cluster.paths(node), resource).flatMap(l -> l.stream().findFirst());
      }
    }
    return Optional.empty();
  }

  private Optional<Integer> cloneEverywhere() {
    for (String node : NODES) {
      var status = probes.crmd(cluster.paths(node));
      if (status.isPresent() && status.get().path("isDc").asBoolean()) {
        return probes
            .runningOn(cluster.paths(node), "base")
            .map(l -> new java.util.HashSet<>(l).size())
            .filter(n -> n == NODES.size());
      }
    }
    return Optional.empty();
  }

  private Optional<String> nothingRunning() {
    for (String r : List.of("site", "web", "base")) {
      if (running(r).isPresent()) {
        return Optional.empty();
      }
    }
    return probes.fetch(url).isPresent() ? Optional.empty() : Optional.of("stopped");
  }

  private CrmResult crm(String node, boolean show, String... args) throws Exception {
    if (show) {
      out.println("  $ crm " + String.join(" ", args));
    }
    CrmResult r = cluster.crm(node, args);
    for (String line : r.out().split("\n")) {
      if (show && !line.isBlank()) {
        out.println("    " + line);
      }
    }
    if (r.exit() != 0) {
      throw new DemoFailure(
          "crm "
              + String.join(" ", args)
              + " failed (exit "
              + r.exit()
              + "):\n"
              + r.err()
              + r.out());
    }
    return r;
  }

  private <T> T await(String what, int seconds, Supplier<Optional<T>> condition)
      throws InterruptedException {
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < giveUp) {
      Optional<T> v = condition.get();
      if (v.isPresent()) {
        return v.get();
      }
      Thread.sleep(50);
    }
    throw new DemoFailure("no " + what + " within " + seconds + " s");
  }

  private static <T> Optional<T> awaitQuietly(int seconds, Supplier<Optional<T>> condition)
      throws InterruptedException {
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < giveUp) {
      Optional<T> v = condition.get();
      if (v.isPresent()) {
        return v;
      }
      Thread.sleep(100);
    }
    return Optional.empty();
  }

  private void say(String what) {
    out.printf("%n[%s] %s%n", elapsed(), what);
  }

  private String elapsed() {
    return String.format("%6.1fs", (System.nanoTime() - t0) / 1e9);
  }

  static String address(String node) {
    return "127.0.0." + (NODES.indexOf(node) + 1);
  }

  static String pageLine(String page) {
    for (String line : page.split("\n")) {
      if (line.contains("Deployed on")) {
        return line.replaceAll("<[^>]+>", "").strip();
      }
    }
    return page.strip();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(SERVICE_IP, 0));
      return s.getLocalPort();
    }
  }

  /** A step that did not happen: the demo stops, says why and keeps the logs. */
  static final class DemoFailure extends RuntimeException {
    DemoFailure(String message) {
      super(message);
    }
  }
}
