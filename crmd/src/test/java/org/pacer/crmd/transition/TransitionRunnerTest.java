package org.pacer.crmd.transition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pacer.crmd.graph.GraphXml;
import org.pacer.crmd.graph.TransitionGraph;

class TransitionRunnerTest {

  private static List<String> dispatched(List<RunnerStep> steps) {
    List<String> out = new ArrayList<>();
    for (RunnerStep s : steps) {
      if (s instanceof RunnerStep.Dispatch d) {
        out.add(d.action().operationKey());
      }
    }
    return out;
  }

  private static RunnerStep.Complete completion(List<RunnerStep> steps) {
    for (RunnerStep s : steps) {
      if (s instanceof RunnerStep.Complete c) {
        return c;
      }
    }
    return null;
  }

  @Test
  void actionsRunAfterTheirInputsAndPseudoEventsPassThrough() {
    TransitionGraph g =
        new GraphXml()
            .op(1, "a", "stop", 0, "n1")
            .pseudo(2, "a_stopped", 1)
            .op(3, "a", "start", 0, "n2", 2)
            .parse();
    TransitionRunner r = new TransitionRunner(g, 0);
    assertEquals(List.of("a_stop_0"), dispatched(r.start()));
    List<RunnerStep> next = r.confirm(1);
    assertEquals(List.of("a_start_0"), dispatched(next));
    List<RunnerStep> end = r.confirm(3);
    assertEquals(TransitionOutcome.DONE, completion(end).outcome());
    assertTrue(r.isComplete());
  }

  @Test
  void aFailureAbortsAtASafePoint() {
    TransitionGraph g =
        new GraphXml()
            .op(1, "a", "start", 0, "n1")
            .op(2, "b", "start", 0, "n2")
            .op(3, "a", "monitor", 10000, "n1", 1)
            .parse();
    TransitionRunner r = new TransitionRunner(g, 0);
    assertEquals(List.of("a_start_0", "b_start_0"), dispatched(r.start()));
    List<RunnerStep> afterFail = r.fail(1, "rc=1");
    // b is still running: the transition waits for it, and fires nothing new.
    assertEquals(List.of(), dispatched(afterFail));
    assertEquals(null, completion(afterFail));
    List<RunnerStep> end = r.confirm(2);
    assertEquals(TransitionOutcome.ABORTED, completion(end).outcome());
    assertTrue(completion(end).reason().contains("a_start_0"));
  }

  @Test
  void abortWaitsForInFlightActions() {
    TransitionGraph g =
        new GraphXml().op(1, "a", "start", 0, "n1").op(2, "a", "monitor", 5000, "n1", 1).parse();
    TransitionRunner r = new TransitionRunner(g, 0);
    r.start();
    assertEquals(null, completion(r.abort("new configuration")));
    List<RunnerStep> end = r.confirm(1);
    assertEquals(List.of(), dispatched(end));
    assertEquals(TransitionOutcome.ABORTED, completion(end).outcome());
  }

  @Test
  void batchLimitCapsActionsInFlight() {
    TransitionGraph g =
        new GraphXml("batch-limit=\"2\"")
            .op(1, "a", "start", 0, "n1")
            .op(2, "b", "start", 0, "n1")
            .op(3, "c", "start", 0, "n2")
            .parse();
    TransitionRunner r = new TransitionRunner(g, 0);
    assertEquals(List.of("a_start_0", "b_start_0"), dispatched(r.start()));
    assertEquals(List.of("c_start_0"), dispatched(r.confirm(2)));
  }

  @Test
  void priorityDecidesWhatALimitLetsThrough() {
    TransitionGraph g =
        new GraphXml()
            .op(1, 0, "low", "start", 0, "n1", "")
            .op(2, 10, "high", "start", 0, "n1", "")
            .parse();
    TransitionRunner r = new TransitionRunner(g, 1);
    assertEquals(List.of("high_start_0"), dispatched(r.start()));
    assertEquals(List.of("low_start_0"), dispatched(r.confirm(2)));
  }

  @Test
  void migrationLimitIsPerNode() {
    TransitionGraph g =
        new GraphXml("migration-limit=\"1\"")
            .op(1, "a", "migrate_to", 0, "n1")
            .op(2, "b", "migrate_to", 0, "n1")
            .op(3, "c", "migrate_to", 0, "n2")
            .parse();
    TransitionRunner r = new TransitionRunner(g, 0);
    assertEquals(List.of("a_migrate_to_0", "c_migrate_to_0"), dispatched(r.start()));
    assertEquals(List.of("b_migrate_to_0"), dispatched(r.confirm(1)));
  }

  @Test
  void aGraphThatCannotFinishStalls() {
    // Two actions each waiting for the other: nothing can ever run.
    TransitionGraph g =
        new GraphXml().op(1, "a", "start", 0, "n1", 2).op(2, "b", "start", 0, "n1", 1).parse();
    TransitionRunner r = new TransitionRunner(g, 0);
    assertEquals(TransitionOutcome.STALLED, completion(r.start()).outcome());
  }

  @Test
  void emptyGraphCompletesAtOnce() {
    TransitionRunner r = new TransitionRunner(new GraphXml().parse(), 0);
    assertEquals(TransitionOutcome.DONE, completion(r.start()).outcome());
  }

  @Test
  void timeoutsIncludeTheClusterDelay() {
    TransitionGraph g = new GraphXml().op(1, "a", "start", 0, "n1").fence(2, "n3").parse();
    TransitionRunner r = new TransitionRunner(g, 0);
    List<Long> timers = new ArrayList<>();
    for (RunnerStep s : r.start()) {
      if (s instanceof RunnerStep.ArmTimer t) {
        timers.add(t.delayMs());
      }
    }
    assertEquals(List.of(80_000L, 120_000L), timers);
  }
}
