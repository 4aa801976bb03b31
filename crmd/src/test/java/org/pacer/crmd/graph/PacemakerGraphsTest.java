package org.pacer.crmd.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Graphs as Pacemaker's own scheduler writes them: {@code crm_simulate -G} on the scheduler
 * regression inputs in {@code ../shared}. Every graph must parse, and run to the end with every
 * action dispatched once and never before its inputs. A sample runs by default; {@code
 * -Dcrmd.graphs.all=true} runs all 799. Skips when the corpus or crm_simulate is absent.
 */
class PacemakerGraphsTest {

  private static final Path CORPUS = Path.of("../../shared/conformance/pacemaker-scheduler/xml");

  @TempDir Path tmp;

  @Test
  void pacemakerGraphsParseAndRunInOrder() throws Exception {
    assumeTrue(Files.isDirectory(CORPUS), "no conformance corpus at " + CORPUS);
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/crm_simulate")), "no crm_simulate");
    List<Path> inputs;
    try (Stream<Path> s = Files.list(CORPUS)) {
      inputs = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
    }
    boolean all = Boolean.getBoolean("crmd.graphs.all");
    List<Path> chosen = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      if (all || i % 25 == 0 || inputs.get(i).getFileName().toString().contains("stonith")) {
        chosen.add(inputs.get(i));
      }
    }
    int actions = 0;
    for (Path in : chosen) {
      String xml = graphOf(in);
      TransitionGraph g;
      try {
        g = GraphParser.parse(xml);
      } catch (GraphFormatException e) {
        throw new AssertionError(in.getFileName() + ": " + e.getMessage(), e);
      }
      List<GraphAction> order = GraphRuns.runAllSucceeding(g);
      long real = g.actions().stream().filter(a -> a.kind() != ActionKind.PSEUDO_EVENT).count();
      assertEquals(real, order.size(), in.getFileName() + ": every real action runs once");
      actions += order.size();
    }
    assertTrue(actions > 0, "the sample held actions");
  }

  private String graphOf(Path cib) throws IOException, InterruptedException {
    Path out = tmp.resolve(cib.getFileName() + ".graph");
    ProcessBuilder pb =
        new ProcessBuilder(
                "/usr/sbin/crm_simulate", "-x", cib.toString(), "-S", "-G", out.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("CIB_shadow_dir", tmp.toString());
    pb.environment().put("LC_ALL", "C");
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("crm_simulate hung on " + cib);
    }
    return Files.readString(out);
  }
}
