package org.pacer.pengine.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pacer.pengine.Simulator;
import org.pacer.pengine.graph.GraphAction;
import org.pacer.pengine.graph.GraphXml;
import org.pacer.pengine.graph.TransitionGraph;

/**
 * What the graph of a promotable clone must say for the controller: the role moves only after the
 * instance giving it up has demoted (else promoted-max is exceeded while both run: the CTS
 * scenarios saw it), nothing is promoted in maintenance mode, and anonymous instances are named by
 * their base id with the instance in {@code long-id}.
 */
class PromotableGraphTest {

  /** sp promoted on n1, unpromoted on n2; n2 now has the higher promotion score. */
  private static String cib(String maintenance) {
    return "<cib have-quorum='1' dc-uuid='1'><configuration><crm_config>"
        + "<cluster_property_set id='o'>"
        + "<nvpair id='o1' name='stonith-enabled' value='false'/>"
        + "<nvpair id='o2' name='maintenance-mode' value='"
        + maintenance
        + "'/></cluster_property_set></crm_config>"
        + "<nodes><node id='1' uname='n1'/><node id='2' uname='n2'/></nodes><resources>"
        + "<clone id='s1'><meta_attributes id='s1-m'>"
        + "<nvpair id='s1-p' name='promotable' value='true'/>"
        + "<nvpair id='s1-x' name='promoted-max' value='1'/></meta_attributes>"
        + "<primitive id='sp' class='ocf' provider='pacer' type='Logged'/></clone>"
        + "</resources><constraints/></configuration><status>"
        + node("1", "n1", "5", op("start", 2) + op("promote", 3))
        + node("2", "n2", "10", op("start", 4))
        + "</status></cib>";
  }

  private static String node(String id, String name, String score, String ops) {
    return "<node_state id='"
        + id
        + "' uname='"
        + name
        + "' in_ccm='true' crmd='online' join='member' expected='member'>"
        + "<transient_attributes id='"
        + id
        + "'><instance_attributes id='t"
        + id
        + "'><nvpair id='t"
        + id
        + "-m' name='master-sp' value='"
        + score
        + "'/></instance_attributes></transient_attributes>"
        + "<lrm id='"
        + id
        + "'><lrm_resources><lrm_resource id='sp' class='ocf' provider='pacer' type='Logged'>"
        + ops
        + "</lrm_resource></lrm_resources></lrm></node_state>";
  }

  private static String op(String task, int call) {
    return "<lrm_rsc_op id='sp_"
        + task
        + "' operation_key='sp_"
        + task
        + "_0' operation='"
        + task
        + "' transition-key='"
        + call
        + ":1:0:x' transition-magic='0:0;"
        + call
        + ":1:0:x' call-id='"
        + call
        + "' rc-code='0' op-status='0' interval='0'/>";
  }

  private static TransitionGraph graph(String maintenance) throws Exception {
    return Simulator.schedule(
            org.pacer.pengine.unpack.CibParser.parse(cib(maintenance)),
            LocalDateTime.of(2026, 1, 1, 0, 0))
        .graph();
  }

  private static TransitionGraph.Synapse only(TransitionGraph g, String task) {
    List<TransitionGraph.Synapse> found =
        g.synapses().stream()
            .filter(s -> s.action().kind().equals("rsc_op") && s.action().operation().equals(task))
            .toList();
    assertEquals(1, found.size(), task + " in\n" + GraphXml.xml(g));
    return found.get(0);
  }

  @Test
  void thePromotionMovesOnlyAfterTheDemote() throws Exception {
    TransitionGraph g = graph("false");
    GraphAction demote = only(g, "demote").action();
    TransitionGraph.Synapse promote = only(g, "promote");
    assertEquals("n1", demote.node());
    assertEquals("n2", promote.action().node());
    assertTrue(
        promote.inputs().stream().anyMatch(in -> in.id() == demote.id()),
        "promote waits for the demote:\n" + GraphXml.xml(g));
    String xml = GraphXml.xml(g);
    assertTrue(xml.matches("(?s).*<primitive id=\"sp\" long-id=\"sp:\\d\".*"), xml);
  }

  @Test
  void aStartWaitsForTheProbeOfAnyInstanceOnItsNode() throws Exception {
    // n2 has no history of sp: it is probed, and its start must wait for that probe, whichever
    // instance number each of them got (the executor knows both as sp).
    String cib = cib("false").replaceFirst("(?s)<lrm_resource id='sp'[^>]*>" + op("start", 4), "");
    cib = cib.replace("<lrm id='2'><lrm_resources></lrm_resource>", "<lrm id='2'><lrm_resources>");
    TransitionGraph g =
        Simulator.schedule(
                org.pacer.pengine.unpack.CibParser.parse(cib), LocalDateTime.of(2026, 1, 1, 0, 0))
            .graph();
    TransitionGraph.Synapse start = only(g, "start");
    GraphAction probe =
        g.synapses().stream()
            .map(TransitionGraph.Synapse::action)
            .filter(a -> a.key().endsWith("_monitor_0") && "n2".equals(a.node()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no probe on n2:\n" + GraphXml.xml(g)));
    assertEquals("n2", start.action().node());
    assertTrue(
        start.inputs().stream().anyMatch(in -> in.id() == probe.id()),
        "start waits for the probe:\n" + GraphXml.xml(g));
  }

  @Test
  void maintenanceModePromotesAndDemotesNothing() throws Exception {
    TransitionGraph g = graph("true");
    assertTrue(
        g.synapses().stream()
            .map(TransitionGraph.Synapse::action)
            .noneMatch(a -> a.operation().equals("promote") || a.operation().equals("demote")),
        GraphXml.xml(g));
  }
}
