package org.pacer.pengine.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.pacer.pengine.Simulator;
import org.pacer.pengine.graph.GraphAction;
import org.pacer.pengine.graph.TransitionGraph;

/**
 * A node with the {@code shutdown} attribute leaves cleanly: its resources stop (and move), then
 * the DC is told {@code do_shutdown} for it, so the controller lets it go and nobody fences it. A
 * partition without quorum fences nobody it cannot see (no-quorum-policy=stop).
 */
class ShutdownTest {

  private static String cib(String quorum, String n1State, String rscMeta) {
    return "<cib have-quorum='"
        + quorum
        + "' dc-uuid='2'><configuration><crm_config><cluster_property_set id='o'>"
        + "<nvpair id='o1' name='stonith-enabled' value='true'/></cluster_property_set>"
        + "</crm_config><nodes><node id='1' uname='n1'/><node id='2' uname='n2'/>"
        + "<node id='3' uname='n3'/></nodes><resources>"
        + "<primitive id='fence' class='stonith' type='fence_dummy'/>"
        + "<primitive id='p1' class='ocf' provider='heartbeat' type='Dummy'>"
        + rscMeta
        + "</primitive></resources><constraints/></configuration><status>"
        + "<node_state id='1' uname='n1' "
        + n1State
        + "<lrm id='1'><lrm_resources>"
        + "<lrm_resource id='p1' class='ocf' provider='heartbeat' type='Dummy'>"
        + "<lrm_rsc_op id='p1_last_0' operation_key='p1_start_0' operation='start'"
        + " transition-key='1:1:0:x' transition-magic='0:0;1:1:0:x' call-id='5' rc-code='0'"
        + " op-status='0' interval='0'/></lrm_resource>"
        + "<lrm_resource id='fence' class='stonith' type='fence_dummy'>"
        + "<lrm_rsc_op id='fence_last_0' operation_key='fence_start_0' operation='start'"
        + " transition-key='2:1:0:x' transition-magic='0:0;2:1:0:x' call-id='6' rc-code='0'"
        + " op-status='0' interval='0'/></lrm_resource>"
        + "</lrm_resources></lrm></node_state>"
        + probed("2", "n2")
        + probed("3", "n3")
        + "</status></cib>";
  }

  /** A member where nothing runs (both resources probed: not running). */
  private static String probed(String id, String name) {
    StringBuilder s =
        new StringBuilder(
            "<node_state id='"
                + id
                + "' uname='"
                + name
                + "' in_ccm='true' crmd='online' join='member' expected='member'>"
                + "<lrm id='"
                + id
                + "'><lrm_resources>");
    for (String[] r :
        new String[][] {
          {"p1", "ocf' provider='heartbeat", "Dummy"}, {"fence", "stonith", "fence_dummy"}
        }) {
      s.append("<lrm_resource id='")
          .append(r[0])
          .append("' class='")
          .append(r[1])
          .append("' type='")
          .append(r[2])
          .append("'><lrm_rsc_op id='")
          .append(r[0])
          .append("_last_0' operation_key='")
          .append(r[0])
          .append("_monitor_0' operation='monitor' transition-key='3:1:7:x'")
          .append(" transition-magic='0:7;3:1:7:x' call-id='1' rc-code='7' op-status='0'")
          .append(" interval='0'/></lrm_resource>");
    }
    return s.append("</lrm_resources></lrm></node_state>").toString();
  }

  private static final String LEAVING =
      "in_ccm='true' crmd='online' join='member' expected='member'>"
          + "<transient_attributes id='1'><instance_attributes id='ta1'>"
          + "<nvpair id='ta1-shutdown' name='shutdown' value='1764000000'/>"
          + "</instance_attributes></transient_attributes>";

  private static GraphAction action(TransitionGraph g, String key) {
    return synapse(g, key).action();
  }

  private static TransitionGraph.Synapse synapse(TransitionGraph g, String key) {
    return g.synapses().stream()
        .filter(s -> s.action().key().equals(key))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + key + " in the graph: " + keys(g)));
  }

  private static List<String> keys(TransitionGraph g) {
    return g.synapses().stream().map(s -> s.action().key() + "@" + s.action().node()).toList();
  }

  @Test
  void aLeavingNodesResourcesStopThenItIsToldToShutDown() throws Exception {
    TransitionGraph g = Simulator.schedule(cib("1", LEAVING, ""), LocalDateTime.now()).graph();
    GraphAction down = action(g, "do_shutdown-n1");
    assertEquals("crm_event", down.kind());
    assertEquals("do_shutdown", down.operation());
    assertEquals("n1", down.node());
    assertEquals("true", down.attributes().get("CRM_meta_op_no_wait"));
    List<String> inputs =
        synapse(g, "do_shutdown-n1").inputs().stream().map(a -> a.key() + "@" + a.node()).toList();
    assertTrue(inputs.contains("p1_stop_0@n1"), inputs.toString());
    assertTrue(inputs.contains("fence_stop_0@n1"), inputs.toString());
    assertTrue(keys(g).stream().anyMatch(k -> k.startsWith("p1_start_0@n")), keys(g).toString());
    assertTrue(keys(g).stream().noneMatch(k -> k.startsWith("stonith")), keys(g).toString());
  }

  @Test
  void anUnmanagedResourceDoesNotHoldTheShutdown() throws Exception {
    String unmanaged =
        "<meta_attributes id='m'><nvpair id='m1' name='is-managed' value='false'/>"
            + "</meta_attributes>";
    TransitionGraph g =
        Simulator.schedule(cib("1", LEAVING, unmanaged), LocalDateTime.now()).graph();
    List<String> inputs =
        synapse(g, "do_shutdown-n1").inputs().stream().map(GraphAction::key).toList();
    assertTrue(!inputs.contains("p1_stop_0"), inputs.toString());
  }

  @Test
  void aNodeWithoutTheAttributeGetsNoShutdown() throws Exception {
    String up = "in_ccm='true' crmd='online' join='member' expected='member'>";
    TransitionGraph g = Simulator.schedule(cib("1", up, ""), LocalDateTime.now()).graph();
    assertTrue(keys(g).stream().noneMatch(k -> k.startsWith("do_shutdown")), keys(g).toString());
  }

  @Test
  void aPartitionWithoutQuorumFencesNoLostNode() throws Exception {
    String lost = "in_ccm='false' crmd='offline' join='down' expected='member'>";
    TransitionGraph withQuorum =
        Simulator.schedule(cib("1", lost, ""), LocalDateTime.now()).graph();
    assertTrue(
        keys(withQuorum).contains("stonith-n1-reboot@n1"), "with quorum: " + keys(withQuorum));
    TransitionGraph g = Simulator.schedule(cib("0", lost, ""), LocalDateTime.now()).graph();
    assertTrue(keys(g).stream().noneMatch(k -> k.startsWith("stonith")), keys(g).toString());
    assertTrue(keys(g).stream().noneMatch(k -> k.startsWith("p1_start")), keys(g).toString());
  }

  /**
   * Every corpus case where crm_simulate prints "Cluster action: do_shutdown on N" prints the same
   * here, and no other case does.
   */
  @Test
  void corpusShutdownsMatchPacemaker() throws Exception {
    Path corpus = org.pacer.pengine.conformance.ConformanceTest.corpus();
    assumeTrue(Files.isDirectory(corpus.resolve("summary")), "conformance corpus absent");
    LocalDateTime now = LocalDateTime.ofEpochSecond(1_764_000_000L, 0, ZoneOffset.UTC);
    List<String> wrong = new ArrayList<>();
    int cases = 0;
    List<Path> sums;
    try (Stream<Path> s = Files.list(corpus.resolve("summary"))) {
      sums = s.sorted().toList();
    }
    for (Path sum : sums) {
      String name = sum.getFileName().toString().replace(".summary", "");
      String xml = Files.readString(corpus.resolve("xml/" + name + ".xml"));
      TreeSet<String> expected = shutdowns(Files.readString(sum));
      if (expected.isEmpty() && !xml.contains("name=\"shutdown\"")) {
        continue;
      }
      cases++;
      TreeSet<String> actual;
      try {
        actual = shutdowns(Simulator.simulateText(xml, now));
      } catch (Exception e) {
        continue; // not schedulable here (bundles): the conformance table counts those
      }
      if (!expected.equals(actual)) {
        wrong.add(name + ": expected " + expected + ", got " + actual);
      }
    }
    System.out.println("shutdown corpus cases: " + cases + ", differing: " + wrong.size());
    wrong.forEach(System.out::println);
    assertTrue(cases > 20, "too few shutdown cases found: " + cases);
    assertTrue(wrong.size() <= MAX_DIFFERING, String.join("\n", wrong));
  }

  /**
   * Cases whose do_shutdown differs for reasons outside this feature: colocate-primitive-with-clone
   * has a node with in_ccm=false, crmd=online, join=pending that Pacemaker 2.1.5 counts online and
   * shuts down; here it is not online.
   */
  static final int MAX_DIFFERING = Integer.getInteger("shutdown.maxDiffering", 1);

  private static TreeSet<String> shutdowns(String text) {
    TreeSet<String> out = new TreeSet<>();
    for (String l : text.split("\n")) {
      String t = l.trim();
      if (t.startsWith("* Cluster action:") && t.contains("do_shutdown on ")) {
        out.add(t.substring(t.indexOf("do_shutdown on ") + 15).trim());
      }
    }
    return out;
  }
}
