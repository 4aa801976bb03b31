package org.pacer.cli.configure;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * crmsh 4.4.1's own regression inputs ({@code ../shared/conformance/crmsh/cases}) through our crm,
 * each compared with the CIB crmsh produced by {@code compare_cib.py}. Skipped when the corpus is
 * absent. The pass count is printed; docs/conformance.md records it.
 */
class CrmshConformanceTest {

  /** Words that can only start a top-level session (see the corpus README). */
  private static final Set<String> TOP_LEVEL =
      Set.of("configure", "resource", "options", "cluster", "status");

  /** The floor this test holds the implementation to; raise it as cases pass. */
  static final int REQUIRED_PASSES = 21;

  @Test
  void regressionCasesGiveCrmshsCib(@TempDir Path tmp) throws Exception {
    Path conf = SharedCorpus.conformance();
    assumeTrue(conf != null, "../shared/conformance is absent");
    assumeTrue(SharedCorpus.hasPython(), "python3 is needed for compare_cib.py");
    Path cases = conf.resolve("crmsh/cases");
    List<Path> inputs;
    try (Stream<Path> s = Files.list(cases)) {
      inputs = s.filter(p -> p.getFileName().toString().endsWith(".crm")).sorted().toList();
    }
    int pass = 0;
    List<String> failures = new ArrayList<>();
    for (Path input : inputs) {
      String name = input.getFileName().toString().replace(".crm", "");
      String diff = runCase(conf, cases, name, tmp.resolve(name));
      if (diff == null) {
        pass++;
      } else {
        failures.add(name + ":\n" + diff);
      }
    }
    System.out.printf("crmsh conformance: %d/%d cases give crmsh's CIB%n", pass, inputs.size());
    failures.forEach(f -> System.out.println("FAIL " + f));
    assertTrue(
        pass >= REQUIRED_PASSES,
        "only " + pass + "/" + inputs.size() + " pass; required " + REQUIRED_PASSES);
  }

  /** Runs one case as the corpus README says crmsh was run; null when the CIBs are equivalent. */
  static String runCase(Path conf, Path cases, String name, Path dir) throws Exception {
    Files.createDirectories(dir);
    try (Stream<Path> s = Files.list(cases)) {
      for (Path p : s.toList()) {
        String f = p.getFileName().toString();
        if (!f.endsWith(".crm") && !f.endsWith(".xml")) {
          Files.copy(p, dir.resolve(f));
        }
      }
    }
    Path cib = dir.resolve("cib.xml");
    SharedCorpus.writeEmptyCib(cib);
    String script = Files.readString(cases.resolve(name + ".crm"));
    if (!topLevel(script)) {
      script = "configure\n" + script + "\ncommit\n";
    }
    SharedCorpus.Run r = SharedCorpus.crm(dir, cib, script, true);
    String diff = SharedCorpus.compare(conf, cases.resolve(name + ".xml"), cib);
    if (diff != null && System.getProperty("conformance.verbose") != null) {
      diff += "\n--- crm stderr:\n" + r.err();
    }
    return diff;
  }

  private static boolean topLevel(String script) throws IOException {
    for (String line : script.split("\n")) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      return TOP_LEVEL.contains(t.split("\\s+")[0]);
    }
    return false;
  }
}
