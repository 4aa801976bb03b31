package org.pacer.cli.demo;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.stonithd.coordination.FenceState;
import org.pacer.stonithd.coordination.HistoryEntry;

/**
 * Times one failover as an operator would see it: after the node running the web site is cut off,
 * polls the survivors until the membership lost it, the fencer confirmed fencing it, the site's
 * resources run elsewhere and the page answers again, printing each step once, when first seen, as
 * seconds after the cut.
 */
final class Failover {

  /** Every step, in the order they must happen, with the time first seen (ms after the cut). */
  static final List<String> STEPS = List.of("lost", "fenced", "site", "web", "page");

  private final DemoCluster cluster;
  private final Probes probes;
  private final PrintStream out;
  private final String victim;
  private final String url;
  private final Map<String, Long> seenAt = new LinkedHashMap<>();
  private final Map<String, String> detail = new LinkedHashMap<>();

  Failover(DemoCluster cluster, Probes probes, PrintStream out, String victim, String url) {
    this.cluster = cluster;
    this.probes = probes;
    this.out = out;
    this.victim = victim;
    this.url = url;
  }

  /**
   * Cuts the victim off and watches until every step was seen or {@code limitSeconds} passed.
   *
   * @return the time of each step seen, in ms after the cut
   */
  Map<String, Long> run(int limitSeconds) throws InterruptedException {
    long cutWall = System.currentTimeMillis();
    long cut = System.nanoTime();
    cluster.powerOff(victim);
    out.printf(
        "  %+6.2fs  %s lost: kill -9 of its supervisor, daemons and web server%n", 0.0, victim);
    long giveUp = cut + TimeUnit.SECONDS.toNanos(limitSeconds);
    List<String> survivors = cluster.names().stream().filter(n -> !n.equals(victim)).toList();
    while (seenAt.size() < STEPS.size() && System.nanoTime() < giveUp) {
      for (String survivor : survivors) {
        poll(cluster.paths(survivor), survivor, cut, cutWall);
      }
      Thread.sleep(25);
    }
    return Map.copyOf(seenAt);
  }

  /** What each step found (the fencer, the node the site moved to, the page's text). */
  Map<String, String> details() {
    return Map.copyOf(detail);
  }

  private void poll(NodePaths node, String name, long cut, long cutWall) {
    if (!seenAt.containsKey("lost")) {
      probes
          .crmd(node)
          .filter(s -> s.path("members").isArray() && s.path("members").size() > 0)
          .filter(s -> !s.path("members").toString().contains("\"" + victim + "\""))
          .ifPresent(s -> step("lost", cut, name + " sees the membership without " + victim));
    }
    if (!seenAt.containsKey("fenced")) {
      probes.fencing(node).flatMap(this::fencingOfVictim).ifPresent(e -> fenced(e, cutWall));
    }
    for (String resource : List.of("site", "web")) {
      if (!seenAt.containsKey(resource)) {
        probes
            .runningOn(node, resource)
            .flatMap(on -> on.stream().filter(n -> !n.equals(victim)).findFirst())
            .ifPresent(
                where -> {
                  detail.put(resource, where);
                  step(resource, cut, resource + " started on " + where + " (recorded by the DC)");
                });
      }
    }
    if (!seenAt.containsKey("page")) {
      probes
          .fetch(url)
          .filter(page -> page.contains("Deployed on ") && !page.contains("Deployed on " + victim))
          .ifPresent(
              page -> {
                detail.put("page", page);
                step("page", cut, "the page is served again at " + url);
              });
    }
  }

  private Optional<HistoryEntry> fencingOfVictim(List<HistoryEntry> history) {
    return history.stream()
        .filter(e -> e.target().equals(victim) && e.state() == FenceState.SUCCESS)
        .findFirst();
  }

  private void fenced(HistoryEntry e, long cutWall) {
    // The fencer's own completion time, not when this poll saw it.
    long ms = Math.max(0, e.completedAt() - cutWall);
    detail.put("fenced", e.executor());
    seenAt.put("fenced", ms);
    out.printf(
        "  %+6.2fs  %s fenced (%s, by %s for %s)%n",
        ms / 1000.0, victim, e.action(), e.executor(), e.origin());
  }

  private void step(String key, long cut, String what) {
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cut);
    seenAt.put(key, ms);
    out.printf("  %+6.2fs  %s%n", ms / 1000.0, what);
  }
}
