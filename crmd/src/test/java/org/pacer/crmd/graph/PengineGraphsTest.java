package org.pacer.crmd.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.pacer.pengine.Simulator;
import org.pacer.pengine.unpack.CibException;

/**
 * The boundary with Pacer's scheduler: for the regression inputs in {@code ../shared}, the graph
 * pengine writes parses here and runs to the end in order. A sample by default, all with {@code
 * -Dcrmd.graphs.all=true}; skips when the corpus is absent.
 */
class PengineGraphsTest {

  private static final Path CORPUS = Path.of("../../shared/conformance/pacemaker-scheduler/xml");

  /**
   * Inputs whose graph pengine writes with heartbeat-class positional parameters as XML attributes
   * named "1", "2"... (not well-formed; Pacemaker writes {@code <param name="1" value=".."/>}
   * inside {@code <attributes>}). Left to the scheduler's owner; skipped here, not hidden.
   */
  private static final java.util.Set<String> PENGINE_KNOWN_ISSUES =
      java.util.Set.of(
          "inc12.xml", "promoted-7.xml", "promoted-8.xml", "stonith-0.xml", "stonith-1.xml");

  @Test
  void pengineGraphsParseAndRunInOrder() throws Exception {
    assumeTrue(Files.isDirectory(CORPUS), "no conformance corpus at " + CORPUS);
    List<Path> inputs;
    try (Stream<Path> s = Files.list(CORPUS)) {
      inputs = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
    }
    boolean all = Boolean.getBoolean("crmd.graphs.all");
    List<String> refused = new ArrayList<>();
    List<String> bad = new ArrayList<>();
    int ran = 0;
    for (int i = 0; i < inputs.size(); i++) {
      Path in = inputs.get(i);
      if (!all && i % 10 != 0 && !in.getFileName().toString().contains("stonith")) {
        continue;
      }
      if (PENGINE_KNOWN_ISSUES.contains(in.getFileName().toString())) {
        continue;
      }
      String xml;
      try {
        xml =
            org.pacer.pengine.graph.GraphXml.xml(
                Simulator.schedule(Files.readString(in), LocalDateTime.of(2026, 1, 1, 0, 0))
                    .graph());
      } catch (CibException e) {
        refused.add(in.getFileName() + ": " + e.getMessage());
        continue; // what pengine refuses (bundles) is pengine's to report, not a graph to run
      }
      TransitionGraph g;
      try {
        g = GraphParser.parse(xml);
      } catch (GraphFormatException e) {
        bad.add(in.getFileName() + ": " + e.getMessage());
        continue;
      }
      List<GraphAction> order = GraphRuns.runAllSucceeding(g);
      long real = g.actions().stream().filter(a -> a.kind() != ActionKind.PSEUDO_EVENT).count();
      assertEquals(real, order.size(), in.getFileName() + ": every real action runs once");
      ran++;
    }
    assertEquals(List.of(), bad, "graphs from pengine that do not parse");
    assumeTrue(ran > 0, "pengine refused every input: " + refused);
  }
}
