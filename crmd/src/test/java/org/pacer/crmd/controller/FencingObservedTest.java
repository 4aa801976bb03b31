package org.pacer.crmd.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pacer.crmd.cib.CibUpdate;
import org.pacer.crmd.graph.GraphXml;
import org.pacer.crmd.message.CrmdMessage;
import org.pacer.crmd.message.Member;

/**
 * The fencer tells every controller of every fencing that succeeded, whoever asked (crm node fence,
 * stonith_admin): the DC records such a node down, so its leaving is clean and the scheduler does
 * not fence it a second time (issue #8, docs/reliability.md known bug 2).
 */
class FencingObservedTest {

  private final Member n1 = new Member("n1", "1");
  private final Member n2 = new Member("n2", "2");
  private final Member n3 = new Member("n3", "3");
  private final LoopbackController loop =
      new LoopbackController(n1, List.of(n1, n2, n3), 2_000, id -> new GraphXml().xml());
  private final Controller c = loop.c;
  private final List<Effect> seen = loop.seen;

  private void handle(Input input) {
    loop.handle(input);
  }

  /** A view in which n1 wins the election (the others vote with no uptime) and joins alone. */
  private void view(long id, Member... members) {
    handle(new Input.ViewChanged(id, List.of(members)));
    for (Member m : members) {
      if (!m.equals(n1)) {
        handle(
            new Input.Delivered(
                m.name(),
                new CrmdMessage.Vote(id, m.name(), ControllerOptions.PROTOCOL_VERSION, false, 0)));
      }
    }
    handle(new Input.QuorumChanged(true));
    handle(new Input.TimerFired(new TimerKey.JoinTimeout(id)));
    assertTrue(c.isDc(), "n1 is the DC");
  }

  private List<Map<String, String>> nodeStates(String node) {
    List<Map<String, String>> out = new ArrayList<>();
    for (Effect e : seen) {
      if (e instanceof Effect.UpdateCib u
          && u.update() instanceof CibUpdate.NodeState s
          && s.node().equals(node)) {
        out.add(s.attributes());
      }
    }
    return out;
  }

  private long count(Class<? extends Effect> type) {
    return loop.count(type);
  }

  @Test
  void aFencingSomeoneElseAskedForIsRecordedAndTheNodeLeavesCleanly() {
    view(1, n1, n2, n3);
    seen.clear();
    loop.now = 5_000;
    handle(new Input.FencingObserved("n2", "reboot", "n3", "stonith_admin", 4_900));
    assertEquals("down", nodeStates("n2").get(0).get("expected"), nodeStates("n2").toString());
    assertTrue(
        seen.stream()
            .anyMatch(
                e ->
                    e instanceof Effect.Broadcast b
                        && b.message() instanceof CrmdMessage.NodeDown d
                        && d.node().equals("n2")),
        seen.toString());
    seen.clear();
    // n2 leaves: written down, not unclean (expected=member would make the scheduler fence it).
    view(2, n1, n3);
    List<Map<String, String>> states = nodeStates("n2");
    assertEquals("down", states.get(states.size() - 1).get("expected"), states.toString());
    assertEquals(0, count(Effect.Fence.class));
  }

  @Test
  void theDcsOwnFencingReportedTwiceIsRecordedOnce() {
    view(1, n1, n2, n3);
    seen.clear();
    handle(new Input.FencingCompleted("n2", "reboot", true, ""));
    handle(new Input.FencingObserved("n2", "reboot", "n1", "pacer-crmd", loop.now));
    assertEquals(1, nodeStates("n2").size(), nodeStates("n2").toString());
  }

  @Test
  void aFencingFromBeforeTheNodeJoinedIsIgnored() {
    view(1, n1, n2, n3);
    seen.clear();
    handle(new Input.FencingObserved("n2", "reboot", "n3", "stonith_admin", 1_500));
    handle(new Input.FencingObserved("n2", "on", "n3", "stonith_admin", loop.now));
    assertEquals(List.of(), nodeStates("n2"));
  }

  @Test
  void aControllerWhoseNodeWasFencedStops() {
    view(1, n1, n2, n3);
    seen.clear();
    handle(new Input.FencingObserved("n1", "reboot", "n3", "stonith_admin", 900));
    assertEquals(0, count(Effect.Exit.class), "a fencing from before this controller started");
    handle(new Input.FencingObserved("n1", "reboot", "n3", "stonith_admin", loop.now));
    assertEquals(1, count(Effect.Exit.class));
  }
}
