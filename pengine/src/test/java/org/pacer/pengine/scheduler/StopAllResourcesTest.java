package org.pacer.pengine.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pacer.pengine.Simulator;
import org.pacer.pengine.TestCibs;

/** stop-all-resources=true: nothing starts, and what runs stops. */
class StopAllResourcesTest {
  @Test
  void nothingStartsWithStopAllResources() throws Exception {
    String on =
        TestCibs.TWO_NODES.replace(
            "</cluster_property_set>",
            "<nvpair id='o2' name='stop-all-resources' value='true'/></cluster_property_set>");
    List<String> s = Simulator.schedule(on, LocalDateTime.of(2026, 1, 1, 0, 0)).summary();
    assertEquals(List.of(), s);
    List<String> off =
        Simulator.schedule(TestCibs.TWO_NODES, LocalDateTime.of(2026, 1, 1, 0, 0)).summary();
    assertTrue(
        off.stream().anyMatch(l -> l.contains("Start") && l.contains("web")), off.toString());
  }
}
