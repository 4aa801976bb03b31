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
    new Colocations(c).build();
    Placement placement = new Placement(c);
    placement.prepare();
    placement.allocateAll();
    ActionGraph g = new ActionGraph();
    ActionBuilder ab = new ActionBuilder(c, g);
    ab.build();
    new Orders(c, ab).apply();
    g.propagate();
    Summary s = new Summary(c, g);
    return new Transition(c, g, s.lines(ab.fencing));
  }
}
