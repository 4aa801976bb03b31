package org.pacer.pengine.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.pacer.pengine.Simulator;

/**
 * Where a live migration left a resource, read from both nodes' history. Debian's crm_simulate
 * (2.1.5) gives the same summaries for these CIBs (no line; "Recover vm ( n2 )").
 */
class MigrationHistoryTest {

  private static String cib(String sourceOps, String targetOps) {
    return "<cib have-quorum='1'><configuration><crm_config><cluster_property_set id='o'>"
        + "<nvpair id='o1' name='stonith-enabled' value='false'/></cluster_property_set>"
        + "</crm_config><nodes><node id='1' uname='n1'/><node id='2' uname='n2'/></nodes>"
        + "<resources><primitive id='vm' class='ocf' provider='heartbeat' type='Dummy'>"
        + "<meta_attributes id='m'><nvpair id='m1' name='allow-migrate' value='true'/>"
        + "<nvpair id='m2' name='resource-stickiness' value='100'/></meta_attributes>"
        + "</primitive></resources><constraints/></configuration><status>"
        + state("1", "n1", sourceOps)
        + state("2", "n2", targetOps)
        + "</status></cib>";
  }

  private static String state(String id, String name, String ops) {
    return "<node_state id='"
        + id
        + "' uname='"
        + name
        + "' in_ccm='true' crmd='online' join='member' expected='member'><lrm id='"
        + id
        + "'><lrm_resources><lrm_resource id='vm' class='ocf' provider='heartbeat' type='Dummy'>"
        + ops
        + "</lrm_resource></lrm_resources></lrm></node_state>";
  }

  private static String op(String task, int call, int rc, String extra) {
    return "<lrm_rsc_op id='vm_"
        + task
        + "_"
        + call
        + "' operation_key='vm_"
        + task
        + "_0' operation='"
        + task
        + "' transition-key='"
        + call
        + ":1:0:x' transition-magic='0:"
        + rc
        + ";"
        + call
        + ":1:0:x' call-id='"
        + call
        + "' rc-code='"
        + rc
        + "' op-status='0' interval='0' op-digest='f2317cad3d54cec5d7d7aa7d0bf35cf8' "
        + extra
        + "/>";
  }

  private static final String TO = "migrate_source='n1' migrate_target='n2'";

  @Test
  void aCompletedMigrationStopsTheSourceAndStaysOnTheTarget() throws Exception {
    String xml =
        cib(
            op("start", 1, 0, "") + op("migrate_to", 2, 0, TO),
            op("monitor", 1, 7, "") + op("migrate_from", 2, 0, TO));
    var t = Simulator.schedule(xml, LocalDateTime.now());
    assertEquals(0, t.summary().size(), t.summary().toString());
    assertTrue(
        t.graph().synapses().stream()
            .anyMatch(s -> s.action().key().equals("vm_stop_0") && "n1".equals(s.action().node())),
        "the source still needs a stop");
  }

  @Test
  void aFailedMigrateFromRecoversOnTheTarget() throws Exception {
    String xml =
        cib(
            op("start", 1, 0, "") + op("migrate_to", 2, 0, TO),
            op("monitor", 1, 7, "") + op("migrate_from", 2, 1, TO));
    var t = Simulator.schedule(xml, LocalDateTime.now());
    assertTrue(
        t.summary().stream().anyMatch(l -> l.matches("\\s*\\* Recover\\s+vm\\s+\\( n2 \\)")),
        t.summary().toString());
  }
}
