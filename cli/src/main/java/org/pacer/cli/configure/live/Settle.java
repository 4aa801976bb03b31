package org.pacer.cli.configure.live;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import org.pacer.cli.configure.live.ClusterAccess.ClusterException;
import org.pacer.cli.configure.live.ClusterAccess.ControllerView;
import org.pacer.cli.configure.store.CibStore;
import org.pacer.cli.configure.store.CibStoreException;
import org.pacer.pengine.Simulator;
import org.pacer.pengine.graph.GraphAction;
import org.pacer.pengine.graph.TransitionGraph;
import org.pacer.pengine.unpack.CibException;
import org.w3c.dom.Document;

/**
 * {@code crm -w}: waits until the cluster has settled after a change — a DC that this node joined,
 * and nothing left for the scheduler to do on the CIB as it stands (no resource operation, no
 * fencing, no shutdown in the graph), which is what crm_resource --wait checks in Pacemaker.
 */
public final class Settle {
  private final CibStore store;
  private final ClusterAccess access;
  private final Clock clock;

  public Settle(CibStore store, ClusterAccess access, Clock clock) {
    this.store = store;
    this.access = access;
    this.clock = clock;
  }

  /**
   * Polls until settled or {@code timeout} passes.
   *
   * @throws ClusterException naming what is still pending when the time is up
   */
  public void await(Duration timeout) throws ClusterException {
    if (!access.live()) {
      return; // a file has no transition to wait for
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    String pending = "";
    for (long delay = 100; ; delay = Math.min(delay * 2, 500)) {
      pending = pending();
      if (pending.isEmpty()) {
        return;
      }
      if (System.nanoTime() + delay * 1_000_000 > deadline) {
        throw new ClusterException(
            "the cluster did not settle within " + timeout.toSeconds() + " s: " + pending);
      }
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ClusterException("interrupted while waiting for the cluster to settle");
      }
    }
  }

  /**
   * Members the DC has not recorded as joined in the status section yet: until it has, the
   * scheduler sees them offline and would find nothing to do.
   */
  static String notYetOnline(Document cib, java.util.List<String> members) {
    java.util.List<String> missing = new java.util.ArrayList<>(members);
    org.w3c.dom.Element status =
        org.pacer.cli.configure.store.CibXml.child(cib.getDocumentElement(), "status");
    if (status != null) {
      for (org.w3c.dom.Element s : org.pacer.cli.configure.store.CibXml.children(status)) {
        if (s.getTagName().equals("node_state")
            && "online".equals(s.getAttribute("crmd"))
            && "member".equals(s.getAttribute("join"))) {
          missing.remove(s.getAttribute("uname"));
        }
      }
    }
    return String.join(", ", missing);
  }

  /** What keeps the cluster from being settled now ("" when settled). */
  String pending() throws ClusterException {
    Optional<ControllerView> view = access.controller();
    if (view.isPresent() && (view.get().dc() == null || !view.get().joined())) {
      return "no DC has joined this node yet";
    }
    Document cib;
    try {
      cib = store.read();
    } catch (CibStoreException e) {
      throw new ClusterException(e.getMessage(), e);
    }
    if (view.isPresent()) {
      String missing = notYetOnline(cib, view.get().members());
      if (!missing.isEmpty()) {
        return "the CIB does not show " + missing + " online yet";
      }
    }
    TransitionGraph graph;
    try {
      graph = Simulator.schedule(cib, LocalDateTime.now(clock)).graph();
    } catch (CibException e) {
      throw new ClusterException("the scheduler cannot read the CIB: " + e.getMessage(), e);
    }
    StringBuilder left = new StringBuilder();
    int count = 0;
    for (TransitionGraph.Synapse s : graph.synapses()) {
      GraphAction a = s.action();
      if (!a.kind().equals("pseudo_event")) {
        if (count++ < 5) {
          left.append(left.length() == 0 ? "" : ", ")
              .append(a.key())
              .append(a.node() == null ? "" : " on " + a.node());
        }
      }
    }
    if (count == 0) {
      return "";
    }
    return count + " action(s) pending (" + left + (count > 5 ? ", ..." : "") + ")";
  }
}
