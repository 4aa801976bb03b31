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
    LocalDateTime when = now;
    if (cib.executionDate() != null) {
      when = CibTime.parse(cib.executionDate());
    }
    Cluster c = new Cluster(cib, when);
    c.buildNodes();
    Map<ClusterNode, NodeState> states = NodeStates.apply(c);
    ResourceBuilder rb = new ResourceBuilder(c);
    rb.build();
    new HistoryUnpacker(c, rb).unpack(states);
    RemoteNodes.decide(c);
    Locations.initWeights(c);
    Locations.apply(c);
    Tickets.apply(c);
    new Colocations(c).build();
    Placement placement = new Placement(c);
    placement.prepare();
    placement.allocateAll();
    Migration.decide(c);
    ActionGraph g = new ActionGraph();
    ActionBuilder ab = new ActionBuilder(c, g);
    ab.build();
    new Orders(c, ab).apply();
    g.propagate();
    if (System.getenv("PACER_PE_DEBUG") != null) {
      debug(c, g);
    }
    Summary s = new Summary(c, g);
    return new Transition(c, g, s.lines(ab.fencing));
  }
}
