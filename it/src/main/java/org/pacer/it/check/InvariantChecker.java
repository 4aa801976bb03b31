package org.pacer.it.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.pacer.it.harness.ClusterNode;
import org.pacer.it.harness.NodeCluster;
import org.pacer.stonithd.coordination.FenceState;
import org.pacer.stonithd.coordination.HistoryEntry;

/**
 * Checks a running cluster ({@link NodeCluster}: processes on this machine or containers) against
 * the invariants that make it a high-availability cluster, from evidence outside the daemons' own
 * opinion: the agents' logs (what really ran where), the fence history (what was really cut off),
 * and every node's CIB.
 *
 * <ul>
 *   <li>no primitive active on two nodes at once (a fenced node's resources count as stopped when
 *       its fencing completed; a node the harness powered off, when it did);
 *   <li>no more than promoted-max instances of a promotable clone promoted at once;
 *   <li>every acknowledged configuration change present in every copy after recovery;
 *   <li>all CIB copies identical once quiet;
 *   <li>convergence (one DC everyone joined, identical CIBs, every resource where it should be,
 *       stable) within a bound once faults stop.
 * </ul>
 *
 * The fence history is polled in the background while the checker runs, because a node's history
 * lives in memory and a whole-cluster restart loses it.
 */
public final class InvariantChecker<N extends ClusterNode> implements AutoCloseable {

  private final NodeCluster<N> cluster;
  private final Map<String, Expected> resources = new LinkedHashMap<>();
  private final Map<String, HistoryEntry> fencings = new ConcurrentHashMap<>();
  private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
  private final ScheduledExecutorService poller;
  private final List<String> convergenceViolations = new ArrayList<>();
  private long worstConvergenceMs;

  public InvariantChecker(NodeCluster<N> cluster, List<Expected> expected) {
    this.cluster = cluster;
    expected.forEach(e -> resources.put(e.id(), e));
    this.poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "checker-fence-history");
              t.setDaemon(true);
              return t;
            });
    poller.scheduleWithFixedDelay(this::pollFencing, 0, 2, TimeUnit.SECONDS);
  }

  private void pollFencing() {
    for (N node : cluster.nodes()) {
      if (node.daemonAlive("stonithd")) {
        // A pending entry is replaced by its outcome; an outcome is never replaced (a node
        // restarted since may hold an older, partial copy).
        node.fenceHistory()
            .ifPresent(
                list ->
                    list.forEach(
                        h ->
                            fencings.merge(
                                h.opId(),
                                h,
                                (old, neu) -> old.state() == FenceState.PENDING ? neu : old)));
      }
    }
  }

  /** Every successful fencing seen so far, as node-down moments. */
  public List<Activity.NodeDown> fencedDown() {
    pollFencing();
    List<Activity.NodeDown> downs = new ArrayList<>();
    for (HistoryEntry h : fencings.values()) {
      if (h.state() == FenceState.SUCCESS && !"on".equals(h.action())) {
        downs.add(
            new Activity.NodeDown(
                h.target(), h.completedAt(), h.action() + " by " + h.executor() + " (fencing)"));
      }
    }
    return downs;
  }

  /**
   * Waits until no fencing of {@code node} is pending and none began or ended within {@code quiet}:
   * the controller may fence a node again after someone else fenced it, and a node started in
   * between would be killed. Returns false when {@code bound} passes first.
   */
  public boolean awaitFencingQuiet(String node, Duration quiet, Duration bound) {
    long giveUp = System.nanoTime() + bound.toNanos();
    while (System.nanoTime() < giveUp) {
      pollFencing();
      long last = 0;
      boolean pending = false;
      for (HistoryEntry h : fencings.values()) {
        if (h.target().equals(node)) {
          pending |= h.state() == FenceState.PENDING;
          last = Math.max(last, Math.max(h.requestedAt(), h.completedAt()));
        }
      }
      if (!pending && System.currentTimeMillis() - last >= quiet.toMillis()) {
        return true;
      }
      sleep(250);
    }
    return false;
  }

  public int fencingCount() {
    return (int) fencedDown().size();
  }

  /**
   * Records a configuration change the cluster acknowledged: after recovery, every CIB copy must
   * contain {@code fragment} (e.g. {@code id="x" ... value="y"}).
   */
  public void acknowledged(String what, String fragment) {
    acknowledged.put(what, fragment);
  }

  public Activity activity() throws IOException {
    return Activity.of(AgentEvent.readAll(cluster.agentLogDir()), fencedDown());
  }

  /** Every safety violation in the whole history so far (empty: none). */
  public List<String> safetyViolations() throws IOException {
    Activity activity = activity();
    List<String> found = new ArrayList<>();
    for (Expected e : resources.values()) {
      if (e instanceof Expected.Primitive p) {
        found.addAll(activity.overlaps(p.id()));
      } else if (e instanceof Expected.Promotable p) {
        found.addAll(activity.promotedOver(p.id(), p.promotedMax()));
      }
    }
    return found;
  }

  /** Nodes whose controller process is alive (the test's idea of which nodes are up). */
  public List<N> upNodes() {
    return cluster.nodes().stream().filter(n -> n.daemonAlive("crmd")).toList();
  }

  /** Why the cluster is not converged now, or empty when it is. */
  public Optional<String> notConverged() throws IOException {
    List<N> up = upNodes();
    Set<String> upNames = new TreeSet<>();
    up.forEach(n -> upNames.add(n.name()));
    String dc = null;
    for (N n : up) {
      Optional<JsonNode> s = n.crmdStatus();
      if (s.isEmpty()) {
        return Optional.of(n + "'s controller does not answer");
      }
      JsonNode st = s.get();
      if (!st.path("joined").asBoolean() || st.path("dc").isNull()) {
        return Optional.of(n + " has not joined a DC: " + st);
      }
      Set<String> members = new TreeSet<>();
      st.path("members").forEach(m -> members.add(m.asText()));
      if (!members.equals(upNames)) {
        return Optional.of(n + " sees members " + members + ", up are " + upNames);
      }
      if (dc == null) {
        dc = st.path("dc").asText();
      } else if (!dc.equals(st.path("dc").asText())) {
        return Optional.of("two DCs: " + dc + " and " + st.path("dc").asText() + " (" + n + ")");
      }
    }
    Optional<String> cibs = cibDifference(up);
    if (cibs.isPresent()) {
      return cibs;
    }
    Activity activity = activity();
    boolean quorate = up.size() * 2 > cluster.nodes().size();
    for (Expected e : resources.values()) {
      Set<String> on = activity.activeNow(e.id());
      if (!upNames.containsAll(on)) {
        return Optional.of(e.id() + " still active on " + on + " (up: " + upNames + ")");
      }
      int want = !quorate ? 0 : e instanceof Expected.Primitive ? 1 : up.size();
      if (on.size() != want) {
        return Optional.of(e.id() + " active on " + on + ", expected " + want + " node(s)");
      }
      if (e instanceof Expected.Promotable p) {
        int promoted = activity.promotedNow(p.id()).size();
        int wantPromoted = quorate ? Math.min(p.promotedMax(), up.size()) : 0;
        if (promoted != wantPromoted) {
          return Optional.of(
              p.id()
                  + " promoted on "
                  + activity.promotedNow(p.id())
                  + ", expected "
                  + wantPromoted);
        }
      }
    }
    return Optional.empty();
  }

  /** Why the CIB copies of {@code up} nodes differ (or miss an acknowledged change), or empty. */
  public Optional<String> cibDifference(List<N> up) {
    String version = null;
    String digest = null;
    for (N n : up) {
      Optional<JsonNode> st = n.cibStatus();
      if (st.isEmpty()) {
        return Optional.of(n + "'s CIB does not answer");
      }
      String v = st.get().path("version").asText();
      String d = st.get().path("digest").asText();
      if (version == null) {
        version = v;
        digest = d;
      } else if (!version.equals(v) || !digest.equals(d)) {
        return Optional.of(
            "CIB copies differ: "
                + up.get(0)
                + " "
                + version
                + " "
                + digest
                + ", "
                + n
                + " "
                + v
                + " "
                + d);
      }
    }
    if (!acknowledged.isEmpty()) {
      for (N n : up) {
        String xml = n.cibXml().orElse("");
        for (Map.Entry<String, String> a : acknowledged.entrySet()) {
          if (!xml.contains(a.getValue())) {
            return Optional.of(n + "'s CIB lacks the acknowledged change " + a.getKey());
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Waits until the cluster is converged and stays so for {@code stable} with no agent activity;
   * records a violation (and returns -1) when {@code bound} passes first. Returns the time taken.
   */
  public long awaitConvergence(Duration bound, Duration stable) throws IOException {
    long t0 = System.nanoTime();
    long giveUp = t0 + bound.toNanos();
    String why = "never checked";
    long quietSince = -1;
    int lastEvents = -1;
    while (System.nanoTime() < giveUp) {
      Optional<String> not = notConverged();
      int events = AgentEvent.readAll(cluster.agentLogDir()).size();
      if (not.isEmpty() && events == lastEvents) {
        if (quietSince < 0) {
          quietSince = System.nanoTime();
        }
        if (System.nanoTime() - quietSince >= stable.toNanos()) {
          long ms = (quietSince - t0) / 1_000_000;
          worstConvergenceMs = Math.max(worstConvergenceMs, ms);
          return ms;
        }
      } else {
        quietSince = not.isEmpty() ? System.nanoTime() : -1;
        why = not.orElse("agents still acting");
      }
      lastEvents = events;
      sleep(500);
    }
    String v = "no convergence within " + bound.toSeconds() + " s: " + why;
    convergenceViolations.add(v);
    return -1;
  }

  public long worstConvergenceMs() {
    return worstConvergenceMs;
  }

  /** The convergences that did not happen in time, so far. */
  public List<String> convergenceFailures() {
    return List.copyOf(convergenceViolations);
  }

  /** Safety violations so far plus every convergence that did not happen in time. */
  public List<String> violations() throws IOException {
    List<String> all = new ArrayList<>(safetyViolations());
    all.addAll(convergenceViolations);
    return all;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
