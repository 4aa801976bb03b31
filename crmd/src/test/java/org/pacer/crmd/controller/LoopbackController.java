package org.pacer.crmd.controller;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.IntFunction;
import org.pacer.crmd.message.Member;

/**
 * One controller driven directly: its broadcasts come back to it as from itself (a group of one;
 * the test delivers the other members' messages), and the scheduler answers every request with the
 * graph {@code graphs} gives for the transition id. Every effect is kept in {@link #seen}.
 */
final class LoopbackController {

  final Controller c;
  final List<Effect> seen = new ArrayList<>();
  private final IntFunction<String> graphs;
  long now;

  /** Nodes n1..n3, this one {@code self}; the controller started at time 1000 with short timers. */
  LoopbackController(Member self, List<Member> nodes, long now, IntFunction<String> graphs) {
    this.c =
        new Controller(
            self,
            nodes,
            List.of(),
            new ControllerOptions(
                ControllerOptions.PROTOCOL_VERSION, 2_000, 5_000, 2_000, 0, true, 0, 0),
            1_000);
    this.now = now;
    this.graphs = graphs;
  }

  void handle(Input first) {
    Deque<Input> queue = new ArrayDeque<>(List.of(first));
    while (!queue.isEmpty()) {
      for (Effect e : c.handle(now++, queue.poll())) {
        seen.add(e);
        if (e instanceof Effect.TransitionEnded t && t.outcome().equals("INVALID")) {
          throw new AssertionError("the test's graph is unusable: " + t.reason());
        }
        if (e instanceof Effect.Broadcast b) {
          queue.add(new Input.Delivered(c.node().name(), b.message()));
        } else if (e instanceof Effect.ComputeGraph g) {
          queue.add(new Input.GraphReady(g.requestId(), graphs.apply(g.transitionId())));
        }
      }
    }
  }

  long count(Class<? extends Effect> type) {
    return seen.stream().filter(type::isInstance).count();
  }
}
