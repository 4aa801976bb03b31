package org.pacer.crmd.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GraphParserTest {

  @Test
  void readsActionsAttributesAndInputs() {
    TransitionGraph g =
        new GraphXml("migration-limit=\"2\"")
            .op(1, "web", "stop", 0, "n1")
            .op(2, "web", "start", 0, "n2", 1)
            .op(3, "web", "monitor", 10000, "n2", 2)
            .fence(4, "n3")
            .parse();
    assertEquals(4, g.synapses().size());
    assertEquals(60_000, g.clusterDelayMs());
    assertEquals(2, g.migrationLimit());
    GraphAction mon = GraphParser.actionsById(g).get(3);
    assertEquals(ActionKind.RSC_OP, mon.kind());
    assertEquals(10_000, mon.intervalMs());
    assertEquals(20_000, mon.timeoutMs());
    assertEquals("ocf:pacemaker:Dummy", mon.resource().agent());
    assertEquals("n2", mon.executingNode());
    GraphAction fence = GraphParser.actionsById(g).get(4);
    assertEquals("reboot", fence.meta("stonith_action"));
    assertEquals(java.util.List.of("n3"), fence.downed());
    assertNull(fence.resource());
  }

  @Test
  void probesExpectNotRunning() {
    TransitionGraph g = new GraphXml().op(1, "web", "monitor", 0, "n1").parse();
    assertEquals(7, g.actions().get(0).targetRc());
  }

  @Test
  void emptyGraphIsValid() throws Exception {
    TransitionGraph g = GraphParser.parse("<transition_graph transition_id=\"4\"/>");
    assertTrue(g.isEmpty());
    assertEquals(4, g.transitionId());
  }

  @Test
  void badGraphsAreRefusedNamingTheProblem() {
    assertMessage("<transition_graph><synapse id=\"1\"><action_set/></synapse>", "well-formed");
    assertMessage("<cib/>", "expected <transition_graph>");
    assertMessage(
        "<transition_graph><synapse id=\"1\"><action_set/><inputs/></synapse></transition_graph>",
        "synapse 1 has an empty <action_set>");
    assertMessage(
        "<transition_graph><synapse id=\"1\"><action_set><rsc_op id=\"2\" operation=\"start\""
            + " operation_key=\"a_start_0\" on_node=\"n1\"/></action_set></synapse></transition_graph>",
        "has no <primitive>");
    assertMessage(
        "<transition_graph><synapse id=\"1\"><action_set><pseudo_event id=\"2\" operation=\"x\"/>"
            + "</action_set><inputs><trigger><rsc_op id=\"9\"/></trigger></inputs></synapse>"
            + "</transition_graph>",
        "waits for action 9");
    assertMessage("<transition_graph cluster-delay=\"soon\"/>", "transition_graph 'cluster-delay'");
    assertMessage(
        "<transition_graph><synapse id=\"1\"><action_set><crm_event id=\"2\" operation=\"stonith\""
            + "/></action_set></synapse></transition_graph>",
        "names no on_node");
    assertMessage(
        "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><transition_graph/>",
        "well-formed");
  }

  private static void assertMessage(String xml, String part) {
    GraphFormatException e = assertThrows(GraphFormatException.class, () -> GraphParser.parse(xml));
    assertTrue(e.getMessage().contains(part), e.getMessage() + " should mention: " + part);
  }

  @Test
  void timeValues() {
    assertEquals(60_000, TimeSpec.parseMillis("60s", false));
    assertEquals(60_000, TimeSpec.parseMillis("60", false));
    assertEquals(60, TimeSpec.parseMillis("60", true));
    assertEquals(120_000, TimeSpec.parseMillis("2min", false));
    assertEquals(3_600_000, TimeSpec.parseMillis("1h", false));
    assertEquals(30_000, TimeSpec.parseMillis("PT30S", false));
    assertEquals(5, TimeSpec.parseMillis("5000us", false));
    assertThrows(IllegalArgumentException.class, () -> TimeSpec.parseMillis("5 parsecs", false));
  }
}
