package org.pacer.pengine.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pacer.pengine.Simulator;

/**
 * A primary that keeps its node but cannot start there (an ordering after something disabled)
 * blocks what is mandatorily colocated with it: Pacemaker's "due to colocation with P".
 */
class ColocationBlockingTest {
  private static final LocalDateTime NOW = LocalDateTime.of(2026, 1, 1, 0, 0);

  private static String running(String rsc, int call) {
    return "<lrm_resource id='"
        + rsc
        + "' class='ocf' provider='heartbeat' type='Dummy'><lrm_rsc_op id='"
        + rsc
        + "_last_0' operation_key='"
        + rsc
        + "_start_0' operation='start' transition-key='1:1:0:x' transition-magic='0:0;1:1:0:x'"
        + " call-id='"
        + call
        + "' rc-code='0' op-status='0' interval='0'/></lrm_resource>";
  }

  private static String cib(String resources, String constraints, String n1History) {
    return "<cib have-quorum='1'><configuration><crm_config><cluster_property_set id='o'>"
        + "<nvpair id='o1' name='stonith-enabled' value='false'/></cluster_property_set>"
        + "</crm_config><nodes><node id='1' uname='n1'/><node id='2' uname='n2'/></nodes>"
        + "<resources>"
        + resources
        + "</resources><constraints>"
        + constraints
        + "</constraints></configuration><status>"
        + "<node_state id='1' uname='n1' in_ccm='true' crmd='online' join='member'"
        + " expected='member'><lrm id='1'><lrm_resources>"
        + n1History
        + "</lrm_resources></lrm></node_state>"
        + "<node_state id='2' uname='n2' in_ccm='true' crmd='online' join='member'"
        + " expected='member'/></status></cib>";
  }

  private static String dummy(String id) {
    return "<primitive id='" + id + "' class='ocf' provider='heartbeat' type='Dummy'/>";
  }

  private static final String DISABLED_GATE =
      "<primitive id='gate' class='ocf' provider='heartbeat' type='Dummy'><meta_attributes"
          + " id='gate-m'><nvpair id='gate-t' name='target-role' value='Stopped'/>"
          + "</meta_attributes></primitive>";

  @Test
  void aPrimaryThatCannotStartWhereItIsStopsItsDependent() throws Exception {
    String xml =
        cib(
            DISABLED_GATE + dummy("central") + dummy("engine"),
            "<rsc_order id='o1' first='gate' then='central'/>"
                + "<rsc_colocation id='c1' rsc='engine' with-rsc='central' score='INFINITY'/>",
            running("gate", 2) + running("central", 3) + running("engine", 4));
    List<String> summary = Simulator.schedule(xml, NOW).summary();
    String all = String.join("\n", summary);
    assertTrue(
        all.matches("(?s).*Stop\\s+engine\\s+\\( n1 \\)\\s+due to colocation with central.*"), all);
    assertTrue(
        all.matches("(?s).*Stop\\s+central\\s+\\( n1 \\)\\s+due to required gate start.*"), all);
  }

  @Test
  void aCloneBlocksItsDependentOnlyWhenNoInstanceCanStart() throws Exception {
    String clone = "<clone id='base-clone'>" + dummy("base") + "</clone>";
    String coloc = "<rsc_colocation id='c1' rsc='app' with-rsc='base-clone' score='INFINITY'/>";
    String blocked =
        String.join(
            "\n",
            Simulator.schedule(
                    cib(
                        DISABLED_GATE + clone + dummy("app"),
                        "<rsc_order id='o1' first='gate' then='base-clone'/>" + coloc,
                        ""),
                    NOW)
                .summary());
    assertTrue(
        blocked.matches(
            "(?s).*Start\\s+app\\s+\\( n\\d \\)\\s+due to colocation with base-clone"
                + " \\(blocked\\).*"),
        blocked);
    // Without the ordering the clone starts, and so does its dependent.
    List<String> free =
        Simulator.schedule(cib(DISABLED_GATE + clone + dummy("app"), coloc, ""), NOW).summary();
    assertEquals(
        1,
        free.stream().filter(l -> l.matches("\\s*\\* Start\\s+app\\s+\\( n\\d \\)\\s*")).count(),
        String.join("\n", free));
  }
}
