package org.pacer.pengine.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.pengine.Simulator;
import org.pacer.pengine.conformance.SummaryComparison;

/**
 * Differential fuzzing against Debian's crm_simulate: random CIBs, both schedulers, and the
 * Transition Summaries compared. Runs only in the {@code fuzz} profile ({@code mvn -o -pl pengine
 * -am verify -Pfuzz -Dfuzz.cases=200 [-Dseed=N]}) and skips when crm_simulate is not installed.
 * Every disagreement is printed with its seed (replay one with {@code -Dseed=N -Dfuzz.cases=1}) and
 * saved under target/fuzz/ as seed-N.xml for crm simulate.
 */
class DifferentialFuzzIT {
  @Test
  void transitionSummariesAgreeWithCrmSimulate(@TempDir Path tmp) throws Exception {
    Path crmSimulate = Path.of(System.getProperty("crm_simulate", "/usr/sbin/crm_simulate"));
    assumeTrue(Files.isExecutable(crmSimulate), "crm_simulate not installed");
    long first = Long.getLong("seed", System.nanoTime() % 1_000_000);
    int cases = Integer.getInteger("fuzz.cases", 50);
    Path saved = Path.of("target", "fuzz");
    Files.createDirectories(saved);
    LocalDateTime now = LocalDateTime.ofEpochSecond(1_764_000_000L, 0, ZoneOffset.UTC);
    List<String> disagreements = new ArrayList<>();
    for (long seed = first; seed < first + cases; seed++) {
      String xml = RandomCib.generate(seed);
      Path file = tmp.resolve("seed-" + seed + ".xml");
      Files.writeString(file, xml);
      ProcessBuilder pb =
          new ProcessBuilder(crmSimulate.toString(), "-R", "-x", file.toString())
              .redirectErrorStream(true);
      pb.environment().put("CIB_shadow_dir", tmp.toString());
      pb.environment().put("LC_ALL", "C");
      Process p = pb.start();
      String reference = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        continue;
      }
      List<String> expected = SummaryComparison.transitionLines(reference);
      if (expected == null) {
        continue; // crm_simulate refused the input: nothing to compare
      }
      String ours;
      try {
        ours = Simulator.simulateText(xml, now);
      } catch (Exception e) {
        disagreements.add("seed " + seed + ": we failed: " + e.getMessage());
        Files.writeString(saved.resolve("seed-" + seed + ".xml"), xml);
        continue;
      }
      List<String> diff = SummaryComparison.diff(expected, SummaryComparison.transitionLines(ours));
      if (!diff.isEmpty()) {
        disagreements.add("seed " + seed + ":\n    " + String.join("\n    ", diff));
        Files.writeString(saved.resolve("seed-" + seed + ".xml"), xml);
      }
    }
    System.out.printf(
        "fuzz: %d cases from seed %d, %d disagreements%n", cases, first, disagreements.size());
    disagreements.forEach(System.out::println);
    assertTrue(
        disagreements.isEmpty(),
        disagreements.size()
            + " of "
            + cases
            + " random CIBs disagree (first seed "
            + first
            + "); see the test output");
  }
}
