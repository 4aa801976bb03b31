package org.pacer.pengine.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pacer.pengine.Simulator;
import org.pacer.pengine.graph.TransitionGraph;

/**
 * A remote node that is down cleanly comes up with its connection in the same transition: what is
 * placed there starts only once the connection has started (the summary cannot show this; the graph
 * must).
 */
class RemoteOrdersTest {

  private static final String CIB =
      "<cib have-quorum='1'><configuration><crm_config><cluster_property_set id='o'>"
          + "<nvpair id='o1' name='stonith-enabled' value='false'/></cluster_property_set>"
          + "</crm_config><nodes><node id='1' uname='n1'/></nodes><resources>"
          + "<primitive id='remote1' class='ocf' provider='pacemaker' type='remote'/>"
          + "<primitive id='p1' class='ocf' provider='heartbeat' type='Dummy'/>"
          + "</resources><constraints>"
          + "<rsc_location id='l1' rsc='p1' node='remote1' score='INFINITY'/>"
          + "</constraints></configuration><status>"
          + "<node_state id='1' uname='n1' in_ccm='true' crmd='online' join='member'"
          + " expected='member'/>"
          + "</status></cib>";

  private static List<String> inputsOf(TransitionGraph g, String key, String node) {
    return g.synapses().stream()
        .filter(s -> s.action().key().equals(key) && node.equals(s.action().node()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + key + " on " + node + " in the graph"))
        .inputs()
        .stream()
        .map(a -> a.key())
        .toList();
  }

  @Test
  void whatStartsOnARemoteNodeWaitsForItsConnection() throws Exception {
    var t = Simulator.schedule(CIB, LocalDateTime.now());
    assertTrue(
        t.summary().stream().anyMatch(l -> l.matches("\\s*\\* Start\\s+p1\\s+\\( remote1 \\)")),
        t.summary().toString());
    List<String> in = inputsOf(t.graph(), "p1_start_0", "remote1");
    assertTrue(in.contains("remote1_start_0"), in.toString());
    // The connection itself waits only for its probe, not for what runs behind it.
    assertEquals(List.of("remote1_monitor_0"), inputsOf(t.graph(), "remote1_start_0", "n1"));
  }
}
