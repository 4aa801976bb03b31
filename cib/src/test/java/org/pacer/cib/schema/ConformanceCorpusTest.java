package org.pacer.cib.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.pacer.cib.document.CibDocument;
import org.pacer.cib.document.CibException;

/**
 * Every CIB of Pacemaker's scheduler regression suite loads and validates, except the few that
 * Pacemaker's own schema rejects too (listed in docs/cib.md with the reason).
 */
class ConformanceCorpusTest {
  static final Path CORPUS = Path.of("../../shared/conformance/pacemaker-scheduler/xml");

  /** Inputs Pacemaker itself refuses to validate, and why (each confirmed with crm_verify). */
  static final Map<String, String> EXPECTED_INVALID = KnownInvalid.CASES;

  @Test
  void everyCorpusCibLoadsAndValidates() throws IOException {
    Path corpus = corpus();
    assumeTrue(corpus != null, "conformance corpus not present");
    CibValidator validator = CibValidator.standard();
    Map<String, String> invalid = new TreeMap<>();
    List<String> files;
    try (Stream<Path> s = Files.list(corpus)) {
      files =
          s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".xml")).sorted().toList();
    }
    List<String> report = new ArrayList<>();
    for (String f : files) {
      try {
        CibDocument cib = CibDocument.parse(Files.readAllBytes(corpus.resolve(f)), f);
        Problems p = validator.validate(cib);
        if (p.hasErrors()) {
          invalid.put(f, p.errors().get(0).toString());
          report.add(f + ": " + p.errors());
        }
      } catch (CibException e) {
        invalid.put(f, e.getMessage());
        report.add(f + ": " + e.describe());
      }
    }
    assertEquals(
        EXPECTED_INVALID.keySet(),
        invalid.keySet(),
        "corpus files that fail validation:\n" + String.join("\n", report));
  }

  static Path corpus() {
    for (Path p : List.of(CORPUS, Path.of("../shared/conformance/pacemaker-scheduler/xml"))) {
      if (Files.isDirectory(p)) {
        return p;
      }
    }
    return null;
  }
}
