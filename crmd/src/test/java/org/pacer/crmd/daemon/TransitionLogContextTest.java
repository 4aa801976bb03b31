package org.pacer.crmd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pacer.crmd.controller.Effect;
import org.pacer.crmd.controller.Input;
import org.pacer.crmd.controller.OpRequest;
import org.pacer.crmd.controller.OpResult;
import org.pacer.crmd.graph.ResourceRef;

/**
 * Which transition a log line is tagged with: an operation's own transition key wins (a node that
 * is not the DC knows the transition only from there), otherwise the DC's active one.
 */
class TransitionLogContextTest {

  static final ResourceRef R = new ResourceRef("r", "r", "ocf", "heartbeat", "Dummy");

  @Test
  void operationsCarryTheTransitionOfTheirKey() {
    OpRequest request = new OpRequest(R, "start", 0, 20_000, Map.of(), "3:7:0:uuid-1");
    assertEquals("7", ControllerLoop.transitionOf(new Effect.ExecuteOp(request), -1));
    assertEquals("7", ControllerLoop.transitionOf(new Effect.ExecuteOp(request), 9));
    OpResult result = new OpResult(R, "start", 0, 1, 0, 0, "", 5, 0, 0, "3:7:0:uuid-1");
    assertEquals("7", ControllerLoop.transitionOf(new Input.ExecutorCompleted(result), 9));
  }

  @Test
  void anOperationWithoutAKeyBelongsToTheActiveTransition() {
    OpRequest manual = new OpRequest(R, "monitor", 10_000, 20_000, Map.of(), "");
    assertEquals("4", ControllerLoop.transitionOf(new Effect.ExecuteOp(manual), 4));
    assertNull(ControllerLoop.transitionOf(new Effect.ExecuteOp(manual), -1));
  }

  @Test
  void schedulingAndEndsNameTheirOwnTransition() {
    assertEquals("12", ControllerLoop.transitionOf(new Effect.ComputeGraph(40, 12), 11));
    assertEquals("11", ControllerLoop.transitionOf(new Effect.TransitionEnded(11, "done", ""), 12));
    assertNull(ControllerLoop.transitionOf(new Effect.DcChanged(null, false), -1));
    assertEquals("5", ControllerLoop.transitionOf(new Input.QuorumChanged(true), 5));
  }
}
