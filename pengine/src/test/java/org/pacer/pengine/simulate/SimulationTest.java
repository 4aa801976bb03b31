package org.pacer.pengine.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pacer.pengine.Simulator;
import org.pacer.pengine.bench.CibGenerator;

class SimulationTest {
  private static final LocalDateTime NOW = LocalDateTime.of(2026, 1, 1, 0, 0);

  private static Simulation.Result run(String xml, List<OpSpec> fail, boolean keepCib)
      throws Exception {
    return Simulation.run(
        xml,
        new Simulation.Request(
            NOW, List.of(), List.of(), List.of(), List.of(), fail, true, keepCib));
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  /**
   * Without -O the expected "not running" probes are left out of the revised CIB; the revised
   * status must not change for it, also when a probe or a start fails.
   */
  @Test
  void revisedStatusIsTheSameWhetherOrNotEveryProbeIsRecorded() throws Exception {
    String xml = CibGenerator.generate(60, 3, 7);
    // A probe that finds a resource running where nothing was recorded, and a failed start.
    String[] probe = null;
    String[] start = null;
    for (String l : run(xml, List.of(), true).execution()) {
      String[] f = l.replace("Resource action:", "").trim().split("\\s+");
      if (probe == null && f.length == 4 && f[1].equals("monitor")) {
        probe = f;
      } else if (start == null && f.length == 4 && f[1].equals("start")) {
        start = f;
      }
    }
    List<OpSpec> fail =
        List.of(
            OpSpec.parse(probe[0] + "_monitor_0@" + probe[3] + "=0"),
            OpSpec.parse(start[0] + "_start_0@" + start[3] + "=1"));
    Simulation.Result all = run(xml, fail, true);
    Simulation.Result lean = run(xml, fail, false);
    assertEquals(all.execution(), lean.execution());
    String revised = all.revised().status(false);
    assertEquals(revised, lean.revised().status(false));
    assertEquals(all.revised().summary(), lean.revised().summary());
    // The -O CIB holds every probe result; the lean one only those that say something.
    String full = Simulation.toXml(all.revisedCib());
    String lessened = Simulation.toXml(lean.revisedCib());
    int probes = count(String.join("\n", all.execution()), "monitor on ");
    assertTrue(probes > 100, "probes executed: " + probes);
    // (A start after a probe on the same node overwrites the probe's last_0 result.)
    int fullEntries = count(full, "<lrm_resource ");
    int leanEntries = count(lessened, "<lrm_resource ");
    assertTrue(fullEntries - leanEntries > probes / 2, fullEntries + " against " + leanEntries);
    assertTrue(revised.contains("FAILED " + start[3]), revised);
    String[] found = probe;
    assertTrue(
        lessened.contains("operation_key=\"" + found[0] + "_monitor_0\""),
        "the probe that found " + found[0] + " is kept");
  }

  @Test
  void simulateTextKeepsTheFullReport() throws Exception {
    String xml = CibGenerator.generate(20, 2, 3);
    String text = Simulator.simulateText(xml, NOW);
    assertTrue(text.contains("Revised Cluster Status:"), text);
    assertTrue(text.contains("Executing Cluster Transition:"), text);
  }
}
