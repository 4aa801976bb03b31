package org.pacer.crmd.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pacer.crmd.cib.CibUpdate;
import org.pacer.crmd.graph.GraphXml;
import org.pacer.crmd.message.Member;

/**
 * The group's view and the quorum come on two subscriptions; during a whole-cluster stop the last
 * node's controller got the view with itself alone before the quorum change, and fenced the two
 * that had left with the quorum of three. The controller now holds transitions (and counts itself
 * without quorum) from a view until the quorum reported after it.
 */
class QuorumAfterViewTest {

  private final Member n3 = new Member("n3", "3");

  // What a scheduler given have-quorum=1 decides: fence the nodes that left unclean.
  private final LoopbackController loop =
      new LoopbackController(
          n3,
          List.of(new Member("n1", "1"), new Member("n2", "2"), n3),
          1_000,
          id -> new GraphXml().fence(0, "n1").fence(1, "n2").xml());
  private final Controller c = loop.c;
  private final List<Effect> seen = loop.seen;

  private void handle(Input input) {
    loop.handle(input);
  }

  private long count(Class<? extends Effect> type) {
    return loop.count(type);
  }

  private String lastHaveQuorum() {
    String v = null;
    for (Effect e : seen) {
      if (e instanceof Effect.UpdateCib u
          && u.update() instanceof CibUpdate.CibAttributes a
          && a.attributes().containsKey("have-quorum")) {
        v = a.attributes().get("have-quorum");
      }
    }
    return v;
  }

  @Test
  void aViewBeforeItsQuorumChangeNeitherSchedulesNorFences() {
    handle(new Input.QuorumChanged(true)); // of the membership with all three
    handle(new Input.ViewChanged(7, List.of(n3))); // the others stopped; quorum not told yet
    assertTrue(c.isDc(), "alone in its view, n3 is DC");
    assertFalse(c.hasQuorum(), "quorum of an earlier view counts for nothing");
    assertEquals(0, count(Effect.ComputeGraph.class), seen.toString());
    assertEquals(0, count(Effect.Fence.class), seen.toString());
    assertEquals("0", lastHaveQuorum());

    handle(new Input.QuorumChanged(false)); // now it arrives: 1 of 3 votes
    assertTrue(count(Effect.ComputeGraph.class) >= 1, "scheduled once quorum is known");
    assertEquals("0", lastHaveQuorum());
    // Even a graph that fences is refused: a partition without quorum fences nobody outside it.
    assertEquals(0, count(Effect.Fence.class), seen.toString());
  }

  @Test
  void theSameQuorumReportedAfterTheViewReleasesTheHeldTransition() {
    handle(new Input.QuorumChanged(true));
    handle(new Input.ViewChanged(7, List.of(n3)));
    assertEquals(0, count(Effect.ComputeGraph.class));
    handle(new Input.QuorumChanged(true)); // e.g. expected votes lowered: one node has quorum
    assertTrue(c.hasQuorum());
    assertTrue(count(Effect.ComputeGraph.class) >= 1, seen.toString());
    assertEquals("1", lastHaveQuorum());
  }
}
