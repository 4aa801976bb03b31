package org.pacer.pengine.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Runs Pacemaker's scheduler regression corpus in-process and prints the per-feature pass table.
 * Skipped when ../shared is absent. Fails when the pass count drops below the floor, so a
 * regression cannot slip in unnoticed; raise the floor as the scheduler improves.
 */
public class ConformanceTest {
  static final int FLOOR = Integer.getInteger("conformance.floor", 731);

  /** The scheduler corpus: ../shared from the repository root, tests running one level down. */
  public static Path corpus() {
    Path corpus = Path.of("..", "..", "shared", "conformance", "pacemaker-scheduler");
    if (!Files.isDirectory(corpus)) {
      corpus = Path.of("..", "shared", "conformance", "pacemaker-scheduler");
    }
    return corpus;
  }

  @Test
  void transitionSummariesMatchPacemaker() throws Exception {
    Path corpus = corpus();
    assumeTrue(Files.isDirectory(corpus.resolve("summary")), "conformance corpus absent");
    ConformanceRunner.Report r = ConformanceRunner.run(corpus, null);
    System.out.print(r.table());
    System.out.printf("%d of %d cases pass%n", r.passed(), r.cases().size());
    assertTrue(r.passed() >= FLOOR, "conformance fell to " + r.passed() + " (floor " + FLOOR + ")");
  }
}
