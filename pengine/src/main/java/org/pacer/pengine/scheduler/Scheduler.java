package org.pacer.pengine.scheduler;

import java.time.LocalDateTime;
import java.util.Map;
import org.pacer.pengine.model.Cib;
import org.pacer.pengine.model.NodeState;
import org.pacer.pengine.rules.CibTime;

/**
 * The scheduler: a pure function from an unpacked CIB (and the time) to the actions that bring the
 * cluster to where it should be. Each call builds its own working state.
 */
public final class Scheduler {
  private Scheduler() {}

  /** Phase timings, printed with -Dpe.timing=true to find where the time goes. */
  private static final class Phases {
    private final boolean on = Boolean.getBoolean("pe.timing");
    private final StringBuilder out = new StringBuilder();
    private long last = System.nanoTime();

    void mark(String phase) {
      if (on) {
        long now = System.nanoTime();
        out.append(phase).append('=').append((now - last) / 1_000_000).append("ms ");
        last = now;
      }
    }

    void print() {
      if (on) {
        System.err.println("phases: " + out);
      }
    }
  }

  private static void debug(Cluster c, ActionGraph g) {
    for (Primitive p : c.allPrimitives) {
      StringBuilder w = new StringBuilder();
      for (ClusterNode n : c.nodes) {
        int v = p.weights[n.index];
        w.append(n.uname)
            .append('=')
            .append(v == Locations.ABSENT ? "-" : org.pacer.pengine.model.Score.format(v))
            .append(' ');
      }
      System.err.printf(
          "%s active=%s hist=%s failed=%s managed=%s -> %s %s | %s%n",
          p.id, p.active, p.history.keySet(), p.failed, p.managed, p.allocated, p.nextRole, w);
    }
    if (System.getenv("PACER_PE_DEBUG").equals("actions")) {
      for (Action a : g.actions) {
        System.err.println(
            a + " reason=" + a.reason + " blocked=" + a.blockedBy + " sib=" + a.stopIfBlocked);
        for (Ordering o : a.inputs) {
          System.err.println("    <- " + o.first() + " flags=" + o.flags());
        }
      }
    }
  }

  /**
   * Schedules a CIB.
   *
   * @param now the time rules and failure timeouts are evaluated at; the CIB's execution-date wins
   *     when set
   */
  public static Transition schedule(Cib cib, LocalDateTime now) {
    return run(cib, now, true);
  }

  /**
   * Unpacks a CIB without scheduling it: a transition with no actions whose status display shows
   * the cluster as the CIB records it. crm_simulate's revised status needs only this, and after a
   * simulated execution the status section holds a probe of every resource on every node, so
   * placing and building actions for it would cost more than the first run did.
   */
  public static Transition unpack(Cib cib, LocalDateTime now) {
    return run(cib, now, false);
  }

  private static Transition run(Cib cib, LocalDateTime now, boolean schedule) {
    LocalDateTime when = now;
    if (cib.executionDate() != null) {
      when = CibTime.parse(cib.executionDate());
    }
    Phases t = new Phases();
    Cluster c = new Cluster(cib, when);
    t.mark("Cluster");
    c.buildNodes();
    t.mark("c.buildNodes");
    Map<ClusterNode, NodeState> states = NodeStates.apply(c);
    ResourceBuilder rb = new ResourceBuilder(c);
    t.mark("ResourceBuilder");
    rb.build();
    Bundles.order(c);
    t.mark("rb.build");
    new HistoryUnpacker(c, rb).unpack(states);
    t.mark("HistoryUnpacker");
    t.mark("RemoteNodes.decide");
    Locations.initWeights(c);
    t.mark("Locations.initWeights");
    Locations.apply(c);
    t.mark("Locations.apply");
    Locations.applyExclusive(c);
    Bundles.pin(c);
    NodeHealth.apply(c);
    ShutdownLocks.apply(c);
    // The status as unpacked, before the scheduler marks nodes or moves anything.
    String current = new StatusPrinter(c, false).print();
    StatusModel model = StatusModel.of(c);
    Tickets.apply(c);
    t.mark("Tickets.apply");
    if (!schedule) {
      return new Transition(c, new ActionGraph(), java.util.List.of(), current, model);
    }
    new Colocations(c).build();
    t.mark("Colocations");
    Placement placement = new Placement(c);
    t.mark("Placement");
    placement.prepare();
    t.mark("placement.prepare");
    placement.allocateAll();
    RemoteNodes.fenceUnrecoverable(c);
    t.mark("placement.allocateAll");
    Migration.decide(c);
    t.mark("Migration.decide");
    ActionGraph g = new ActionGraph();
    t.mark("ActionGraph");
    ActionBuilder ab = new ActionBuilder(c, g);
    t.mark("ActionBuilder");
    ab.build();
    t.mark("ab.build");
    BundleActions.milestones(c, g);
    new Orders(c, ab).apply();
    RemoteOrders.apply(c, g);
    BundleActions.blockUnplaced(c, g);
    t.mark("Orders");
    g.propagate();
    BundleActions.passReasons(c, g);
    ColocationBlocking.apply(c, g);
    t.mark("g.propagate");
    t.print();
    if (System.getenv("PACER_PE_DEBUG") != null) {
      debug(c, g);
    }
    Summary s = new Summary(c, g);
    return new Transition(c, g, s.lines(ab.fencing), current, model);
  }
}
