package org.pacer.crmd.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pacer.crmd.graph.ActionKind;
import org.pacer.crmd.graph.GraphAction;
import org.pacer.crmd.graph.GraphParser;
import org.pacer.crmd.graph.TransitionGraph;
import org.pacer.pengine.unpack.CibParser;

/** failure-timeout expiry, recheck-by and the limits, as the controller receives them. */
class GraphCompletionTest {

  static final long FAILED_AT = 1_700_000_000L;

  /**
   * rsc1 (failure-timeout 10s, its own), rsc2 in a group with failure-timeout 60s, rsc3 without one
   * (rsc_defaults give none), each failed once on node1 at {@link #FAILED_AT}.
   */
  static String cib(String options) {
    String failures =
        "<transient_attributes id=\"1\"><instance_attributes id=\"status-1\">"
            + attr("fail-count-rsc1#monitor_10000", "1")
            + attr("last-failure-rsc1#monitor_10000", "" + FAILED_AT)
            + attr("fail-count-rsc2#monitor_10000", "2")
            + attr("last-failure-rsc2#monitor_10000", "" + FAILED_AT)
            + attr("fail-count-rsc3#start_0", "INFINITY")
            + attr("last-failure-rsc3#start_0", "" + FAILED_AT)
            + "</instance_attributes></transient_attributes>";
    return "<cib epoch=\"1\" num_updates=\"0\" admin_epoch=\"0\" have-quorum=\"1\" dc-uuid=\"1\">"
        + "<configuration><crm_config><cluster_property_set id=\"o\">"
        + attr("stonith-enabled", "false")
        + options
        + "</cluster_property_set></crm_config>"
        + "<nodes><node id=\"1\" uname=\"node1\"/><node id=\"2\" uname=\"node2\"/></nodes>"
        + "<resources>"
        + primitive(
            "rsc1",
            "<meta_attributes id=\"rsc1-m\">"
                + attr("failure-timeout", "10s")
                + "</meta_attributes>")
        + "<group id=\"g\"><meta_attributes id=\"g-m\">"
        + attr("failure-timeout", "1min")
        + "</meta_attributes>"
        + primitive("rsc2", "")
        + "</group>"
        + primitive("rsc3", "")
        + "</resources><constraints/></configuration><status>"
        + "<node_state id=\"1\" uname=\"node1\" in_ccm=\"true\" crmd=\"online\" join=\"member\""
        + " expected=\"member\">"
        + failures
        + "</node_state>"
        + "<node_state id=\"2\" uname=\"node2\" in_ccm=\"true\" crmd=\"online\" join=\"member\""
        + " expected=\"member\"/>"
        + "</status></cib>";
  }

  static String primitive(String id, String meta) {
    return "<primitive id=\""
        + id
        + "\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
        + meta
        + "</primitive>";
  }

  static String attr(String name, String value) {
    return "<nvpair id=\"a-"
        + name.replaceAll("[^A-Za-z0-9]", "_")
        + "\" name=\""
        + name
        + "\" value=\""
        + value
        + "\"/>";
  }

  static TransitionGraph graphAt(String cib, long epochSeconds) throws Exception {
    return GraphParser.parse(
        new PengineScheduler().compute(cib, Instant.ofEpochSecond(epochSeconds), 1));
  }

  static List<GraphAction> clears(TransitionGraph g) {
    return g.synapses().stream()
        .flatMap(s -> s.actions().stream())
        .filter(a -> a.kind() == ActionKind.CRM_EVENT && a.operation().equals("clear_failcount"))
        .toList();
  }

  @Test
  void beforeAnyFailureExpiresTheGraphAsksToBeRecomputedWhenTheFirstOneDoes() throws Exception {
    TransitionGraph g = graphAt(cib(""), FAILED_AT + 5);
    assertEquals(List.of(), clears(g));
    assertEquals(FAILED_AT + 10, g.recheckBy());
  }

  @Test
  void anExpiredFailureIsClearedOnItsNodeAndTheNextExpiryIsAskedFor() throws Exception {
    TransitionGraph g = graphAt(cib(""), FAILED_AT + 11);
    List<GraphAction> clears = clears(g);
    assertEquals(1, clears.size(), clears.toString());
    GraphAction clear = clears.get(0);
    assertEquals("rsc1", clear.resource().id());
    assertEquals("node1", clear.onNode());
    assertTrue(clear.noWait());
    // rsc2's failure (60 s from its group) still counts; rsc3 has no failure-timeout.
    assertEquals(FAILED_AT + 60, g.recheckBy());

    TransitionGraph later = graphAt(cib(""), FAILED_AT + 61);
    assertEquals(
        List.of("rsc1", "rsc2"), clears(later).stream().map(a -> a.resource().id()).toList());
  }

  @Test
  void recheckIntervalAndLimitsComeFromTheClusterOptions() throws Exception {
    String options =
        attr("cluster-recheck-interval", "3s")
            + attr("batch-limit", "4")
            + attr("migration-limit", "2");
    TransitionGraph g = graphAt(cib(options), FAILED_AT + 5);
    assertEquals(FAILED_AT + 5 + 3, g.recheckBy());
    assertEquals(4, g.batchLimit());
    assertEquals(2, g.migrationLimit());

    TransitionGraph defaults = graphAt(cib(""), FAILED_AT + 100);
    assertEquals(FAILED_AT + 100 + 15 * 60, defaults.recheckBy());
    assertEquals(0, defaults.batchLimit());
    assertEquals(-1, defaults.migrationLimit());
  }

  @Test
  void rscDefaultsGiveTheTimeoutWhenTheResourceHasNone() throws Exception {
    String cib =
        cib("")
            .replace(
                "</crm_config>",
                "</crm_config><rsc_defaults><meta_attributes id=\"d\">"
                    + attr("failure-timeout", "20s")
                    + "</meta_attributes></rsc_defaults>");
    var additions = GraphCompletion.of(CibParser.parse(cib), Instant.ofEpochSecond(FAILED_AT + 30));
    assertEquals(
        List.of("rsc1", "rsc3"), additions.expired().stream().map(e -> e.resource().id()).toList());
  }

  @Test
  void probesExpectToFindNothing() throws Exception {
    TransitionGraph g = graphAt(cib(""), FAILED_AT + 5);
    List<GraphAction> probes =
        g.synapses().stream()
            .flatMap(s -> s.actions().stream())
            .filter(a -> a.operation().equals("monitor") && a.intervalMs() == 0)
            .toList();
    assertTrue(!probes.isEmpty(), "no probes in " + g);
    for (GraphAction p : probes) {
      assertEquals(7, p.targetRc(), p.toString());
    }
  }

  @Test
  void onlyFailCountAttributesNameAResource() {
    assertEquals(
        "rsc1", GraphCompletion.resourceOf("fail-count-rsc1#monitor_10000", "fail-count-"));
    assertEquals("cl", GraphCompletion.resourceOf("fail-count-cl:2#start_0", "fail-count-"));
    assertEquals("old", GraphCompletion.resourceOf("fail-count-old", "fail-count-"));
    assertEquals(null, GraphCompletion.resourceOf("master-rsc1", "fail-count-"));
  }
}
