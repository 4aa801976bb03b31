package org.pacer.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pacer.it.check.Expected;
import org.pacer.it.check.InvariantChecker;
import org.pacer.it.harness.TestCluster;
import org.pacer.it.harness.TestNode;

/**
 * The invariant checker can fail: with crmd's test-only switch that reports every fencing as done
 * without doing it ({@code pacer.crmd.test.unsafe-skip-fencing}), a hung node's resource is started
 * on a survivor while the hung node still runs it, and the checker says so. {@link FencingIT} runs
 * the same fault on the real build and the checker finds nothing.
 */
class BrokenBuildIT {

  @Test
  void skippingFencingBeforeRecoveryIsCaught() throws Exception {
    try (TestCluster cluster =
            TestCluster.builder("broken")
                .nodes(3)
                .firstLoopback(41)
                .unsafeSkipFencing(true)
                .build();
        InvariantChecker<TestNode> checker =
            new InvariantChecker<>(cluster, List.of(new Expected.Primitive("p1")))) {
      TestNode victim = FencingIT.startWithOnePrimitive(cluster, checker);
      assertTrue(checker.violations().isEmpty(), checker.violations().toString());
      victim.pause();
      try {
        cluster.await(
            "p1 started on a survivor",
            Duration.ofSeconds(120),
            () -> {
              try {
                return checker.activity().activeNow("p1").size() > 1;
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
        assertFalse(victim.processes().isEmpty(), "nothing fenced " + victim);
        List<String> violations = checker.violations();
        System.out.println("broken build: the checker reports " + violations);
        assertTrue(
            violations.stream()
                .anyMatch(
                    v ->
                        v.startsWith("p1 active on " + victim.name())
                            || v.contains("and on " + victim.name())),
            "the checker must report p1 active on " + victim + " and a survivor: " + violations);
      } finally {
        victim.resume();
      }
    }
  }
}
