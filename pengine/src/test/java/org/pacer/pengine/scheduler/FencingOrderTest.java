package org.pacer.pengine.scheduler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pacer.pengine.Simulator;
import org.pacer.pengine.graph.TransitionGraph;

/**
 * A resource running on a lost node moves only after that node is fenced: its implied stop and its
 * start elsewhere both wait for the fencing (Pacemaker's graph has the same inputs). Found by the
 * integration tests' invariant checker (it/ FencingIT): the start ran 2 s before the fencing.
 */
class FencingOrderTest {

  private static final String CIB =
      "<cib have-quorum='1'><configuration><crm_config><cluster_property_set id='o'>"
          + "<nvpair id='o1' name='stonith-enabled' value='true'/></cluster_property_set>"
          + "</crm_config><nodes><node id='1' uname='n1'/><node id='2' uname='n2'/>"
          + "<node id='3' uname='n3'/></nodes><resources>"
          + "<primitive id='fence' class='stonith' type='fence_dummy'/>"
          + "<primitive id='p1' class='ocf' provider='heartbeat' type='Dummy'/>"
          + "</resources><constraints/></configuration><status>"
          + "<node_state id='1' uname='n1' in_ccm='false' crmd='offline' join='member'"
          + " expected='member'><lrm id='1'><lrm_resources>"
          + "<lrm_resource id='p1' class='ocf' provider='heartbeat' type='Dummy'>"
          + "<lrm_rsc_op id='p1_last_0' operation_key='p1_start_0' operation='start'"
          + " transition-key='1:1:0:x' transition-magic='0:0;1:1:0:x' call-id='5' rc-code='0'"
          + " op-status='0' interval='0'/></lrm_resource>"
          + "<lrm_resource id='fence' class='stonith' type='fence_dummy'>"
          + "<lrm_rsc_op id='fence_last_0' operation_key='fence_start_0' operation='start'"
          + " transition-key='2:1:0:x' transition-magic='0:0;2:1:0:x' call-id='6' rc-code='0'"
          + " op-status='0' interval='0'/></lrm_resource>"
          + "</lrm_resources></lrm></node_state>"
          + "<node_state id='2' uname='n2' in_ccm='true' crmd='online' join='member'"
          + " expected='member'/>"
          + "<node_state id='3' uname='n3' in_ccm='true' crmd='online' join='member'"
          + " expected='member'/>"
          + "</status></cib>";

  /** The keys of the actions {@code key} waits for in the graph (also used by BundleTest). */
  static List<String> inputsOf(TransitionGraph g, String key) {
    return g.synapses().stream()
        .filter(s -> s.action().key().equals(key))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + key + " in the graph"))
        .inputs()
        .stream()
        .map(a -> a.key())
        .toList();
  }

  @Test
  void stopAndStartOfAResourceOnAFencedNodeWaitForTheFencing() throws Exception {
    TransitionGraph g = Simulator.schedule(CIB, LocalDateTime.now()).graph();
    assertTrue(
        inputsOf(g, "p1_stop_0").contains("stonith-n1-reboot"),
        inputsOf(g, "p1_stop_0").toString());
    assertTrue(
        inputsOf(g, "p1_start_0").contains("stonith-n1-reboot"),
        inputsOf(g, "p1_start_0").toString());
    // A fencing device requires quorum only: it may start before the fencing it is needed for.
    assertTrue(!inputsOf(g, "fence_start_0").contains("stonith-n1-reboot"));
  }
}
