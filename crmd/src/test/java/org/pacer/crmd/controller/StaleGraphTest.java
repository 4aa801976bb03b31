package org.pacer.crmd.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pacer.crmd.message.CrmdMessage;
import org.pacer.crmd.message.Member;

/**
 * A graph the scheduler computed for the previous DC role (from the CIB before the view changed)
 * that arrives after the next role asked for its own must be dropped, not run: otherwise the new DC
 * runs a plan made for a membership that no longer exists, and when that plan has nothing to do,
 * nothing asks the scheduler again.
 */
class StaleGraphTest {

  static final Member N1 = new Member("n1", "1");

  static final String STALE_GRAPH =
      "<transition_graph transition_id=\"0\"><synapse id=\"0\"><action_set>"
          + "<rsc_op id=\"0\" operation=\"start\" operation_key=\"r_start_0\" on_node=\"n1\""
          + " on_node_uuid=\"1\"><primitive id=\"r\" class=\"ocf\" provider=\"heartbeat\""
          + " type=\"Dummy\"/><attributes CRM_meta_on_node=\"n1\"/></rsc_op></action_set>"
          + "<inputs/></synapse></transition_graph>";

  /** Feeds the input, delivers every broadcast back (a group of one), returns all effects. */
  static List<Effect> run(Controller c, long now, Input input) {
    List<Effect> all = new ArrayList<>();
    Deque<Input> queue = new ArrayDeque<>(List.of(input));
    while (!queue.isEmpty()) {
      for (Effect e : c.handle(now, queue.poll())) {
        all.add(e);
        if (e instanceof Effect.Broadcast b) {
          queue.add(new Input.Delivered(N1.name(), b.message()));
        }
      }
    }
    return all;
  }

  /** A view and the quorum reported after it (as CpgGroup delivers them), all effects. */
  static List<Effect> view(Controller c, long now, long viewId) {
    List<Effect> all = new ArrayList<>(run(c, now, new Input.ViewChanged(viewId, List.of(N1))));
    all.addAll(run(c, now, new Input.QuorumChanged(true)));
    return all;
  }

  static long graphRequest(List<Effect> effects) {
    return effects.stream()
        .filter(e -> e instanceof Effect.ComputeGraph)
        .mapToLong(e -> ((Effect.ComputeGraph) e).requestId())
        .reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no scheduler request in " + effects));
  }

  @Test
  void aGraphAskedForByThePreviousDcRoleIsNotRunByTheNext() {
    Controller c = new Controller(N1, List.of(N1), List.of(), ControllerOptions.defaults(), 0);
    assertEquals(-1, c.activeTransition(), "no transition before this node is DC");
    List<Effect> asked = view(c, 10_000, 1);
    long first = graphRequest(asked);
    assertTrue(c.isDc());
    int computing =
        asked.stream()
            .filter(e -> e instanceof Effect.ComputeGraph)
            .mapToInt(e -> ((Effect.ComputeGraph) e).transitionId())
            .reduce((a, b) -> b)
            .orElseThrow();
    assertEquals(
        computing, c.activeTransition(), "the transition being computed is the active one");
    // The view changes before the scheduler answers; the new role asks again.
    long second = graphRequest(view(c, 10_100, 2));
    assertNotEquals(first, second, "request ids are unique across DC roles");
    // The old answer arrives now: nothing of it may run.
    List<Effect> stale = run(c, 10_200, new Input.GraphReady(first, STALE_GRAPH));
    assertEquals(
        List.of(),
        stale.stream()
            .filter(
                e ->
                    e instanceof Effect.Broadcast b
                        && b.message() instanceof CrmdMessage.ExecuteAction)
            .toList(),
        "the stale graph's start was dispatched");
    // The answer to the current request runs.
    List<Effect> current = run(c, 10_300, new Input.GraphReady(second, STALE_GRAPH));
    assertTrue(
        current.stream().anyMatch(e -> e instanceof Effect.ExecuteOp),
        "the current graph's start runs: " + current);
  }
}
