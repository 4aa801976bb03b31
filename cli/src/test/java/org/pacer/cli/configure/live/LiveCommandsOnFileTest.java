package org.pacer.cli.configure.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.cli.configure.CrmRunner;

/**
 * crm status and the resource/node state commands on a CIB file (CIB_file), where they read and
 * edit the status section as Pacemaker's tools do: a Dummy running on n1 whose 10 s monitor failed
 * once.
 */
class LiveCommandsOnFileTest {
  @TempDir Path dir;
  Path cib;

  static final String CIB =
      """
      <cib admin_epoch="0" epoch="5" num_updates="0" validate-with="pacemaker-3.9" have-quorum="1" dc-uuid="1">
        <configuration>
          <crm_config><cluster_property_set id="cib-bootstrap-options">
            <nvpair id="o1" name="stonith-enabled" value="false"/>
          </cluster_property_set></crm_config>
          <nodes><node id="1" uname="n1"/><node id="2" uname="n2"/><node id="3" uname="n3"/></nodes>
          <resources>
            <primitive id="d" class="ocf" provider="heartbeat" type="Dummy">
              <operations><op id="d-monitor-10s" name="monitor" interval="10s"/></operations>
            </primitive>
          </resources>
          <constraints/>
        </configuration>
        <status>
          <node_state id="1" uname="n1" in_ccm="true" crmd="online" join="member" expected="member">
            <transient_attributes id="1"><instance_attributes id="status-1">
              <nvpair id="status-1-fc" name="fail-count-d#monitor_10000" value="1"/>
              <nvpair id="status-1-lf" name="last-failure-d#monitor_10000" value="1700000000"/>
            </instance_attributes></transient_attributes>
            <lrm id="1"><lrm_resources><lrm_resource id="d" class="ocf" provider="heartbeat" type="Dummy">
              <lrm_rsc_op id="d_last_0" operation_key="d_start_0" operation="start" transition-key="3:2:0:x" transition-magic="0:0;3:2:0:x" call-id="6" rc-code="0" op-status="0" interval="0"/>
              <lrm_rsc_op id="d_monitor_10000" operation_key="d_monitor_10000" operation="monitor" transition-key="4:2:0:x" transition-magic="0:0;4:2:0:x" call-id="7" rc-code="0" op-status="0" interval="10000"/>
              <lrm_rsc_op id="d_last_failure_0" operation_key="d_monitor_10000" operation="monitor" transition-key="4:1:0:x" transition-magic="0:7;4:1:0:x" call-id="4" rc-code="7" op-status="0" interval="10000" last-rc-change="1700000000" exec-time="12"/>
            </lrm_resource></lrm_resources></lrm>
          </node_state>
          <node_state id="2" uname="n2" in_ccm="true" crmd="online" join="member" expected="member"/>
          <node_state id="3" uname="n3" in_ccm="false" crmd="offline" join="down" expected="down"/>
        </status>
      </cib>
      """;

  @BeforeEach
  void write() throws Exception {
    cib = dir.resolve("cib.xml");
    Files.writeString(cib, CIB);
  }

  record Run(int rc, String out, String err) {}

  Run crm(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int rc =
        new CrmRunner(
                Map.of("CIB_file", cib.toString(), "TZ", "UTC"),
                new ByteArrayInputStream(new byte[0]),
                new PrintWriter(out),
                new PrintWriter(err),
                dir)
            .run(List.of(args));
    return new Run(rc, out.toString(), err.toString());
  }

  @Test
  void statusShowsNodesResourcesAndFailedActionsAsCrmMonDoes() {
    Run r = crm("status");
    assertEquals(0, r.rc(), r.err());
    assertTrue(r.out().startsWith("Cluster Summary:\n"), r.out());
    assertTrue(r.out().contains("  * Online: [ n1 n2 ]\n  * OFFLINE: [ n3 ]"), r.out());
    assertTrue(
        r.out().contains("Full List of Resources:\n  * d\t(ocf:heartbeat:Dummy):\t Started n1"),
        r.out());
    assertTrue(
        r.out()
            .matches(
                "(?s).*\\nFailed Resource Actions:\\n  \\* d 10s-interval monitor on n1"
                    + " returned 'not running' at \\w{3} Nov 1[45] \\d\\d:\\d\\d:20 2023 after 12ms\\n"),
        r.out());
  }

  @Test
  void locateAndResourceStatusSayWhereItRuns() {
    assertEquals("resource d is running on: n1\n", crm("resource", "locate", "d").out());
    assertEquals("resource d is running on: n1\n", crm("resource", "status", "d").out());
    assertTrue(crm("resource", "status").out().startsWith("Full List of Resources:\n  * d\t"));
    Run missing = crm("resource", "locate", "nope");
    assertEquals(1, missing.rc());
    assertTrue(missing.err().contains("resource nope does not exist"), missing.err());
  }

  @Test
  void failcountShowsTheSumAndDeleteRemovesIt() throws Exception {
    assertEquals(
        "scope=status  name=fail-count-d value=1\n",
        crm("resource", "failcount", "d", "show", "n1").out());
    assertEquals(0, crm("resource", "failcount", "d", "delete", "n1").rc());
    assertEquals(
        "scope=status  name=fail-count-d value=0\n",
        crm("resource", "failcount", "d", "show", "n1").out());
    assertFalse(Files.readString(cib).contains("last-failure-d#"));
    Run bad = crm("resource", "failcount", "d", "show", "n9");
    assertEquals(1, bad.rc());
    assertTrue(bad.err().contains("node n9 does not exist"), bad.err());
  }

  @Test
  void cleanupForgetsTheHistoryAndFailuresOfTheResource() throws Exception {
    Run r = crm("resource", "cleanup");
    assertEquals(0, r.rc(), r.err());
    assertEquals("Cleaned up d on n1\n", r.out());
    String text = Files.readString(cib);
    assertFalse(text.contains("lrm_resource id=\"d\""), text);
    assertFalse(text.contains("fail-count-d"), text);
    assertFalse(crm("status").out().contains("Failed Resource Actions"));
    assertEquals(
        "Nothing to clean up: no resource has failed operations\n",
        crm("resource", "cleanup").out());
  }

  @Test
  void statusAttributesStandbyForARebootAndClearstate() throws Exception {
    assertEquals(0, crm("node", "status-attr", "n2", "set", "rack", "r1").rc());
    assertEquals(
        "scope=status  name=rack value=r1\n",
        crm("node", "status-attr", "n2", "show", "rack").out());
    assertEquals(0, crm("node", "status-attr", "n2", "delete", "rack").rc());
    Run gone = crm("node", "status-attr", "n2", "show", "rack");
    assertEquals(1, gone.rc());

    assertEquals(0, crm("node", "standby", "n2", "reboot").rc());
    String text = Files.readString(cib);
    assertTrue(text.contains("id=\"status-2-standby\" name=\"standby\" value=\"on\""), text);
    assertFalse(text.matches("(?s).*<nodes>.*standby.*</nodes>.*"), text);

    assertEquals(0, crm("node", "standby", "n1").rc());
    assertEquals("n1: member\n\tstandby=on\n", crm("node", "show", "n1").out());
    Run noNode = crm("node", "online");
    assertEquals(1, noNode.rc());
    assertTrue(noNode.err().contains("which node?"), noNode.err());

    assertEquals(0, crm("node", "clearstate", "n3").rc());
    assertFalse(Files.readString(cib).contains("uname=\"n3\" in_ccm"));
    assertEquals(0, crm("node", "delete", "n2").rc());
    text = Files.readString(cib);
    assertFalse(text.contains("uname=\"n2\""), text);
  }

  @Test
  void moveWithoutANodeBansTheCurrentOneAndALifetimeMakesARule() throws Exception {
    Run r = crm("resource", "move", "d");
    assertEquals(0, r.rc(), r.err());
    String text = Files.readString(cib);
    assertTrue(
        text.matches(
            "(?s).*<rsc_location id=\"cli-ban-d-on-n1\"(?=[^>]*node=\"n1\")(?=[^>]*score=\"-INFINITY\")[^>]*/>.*"),
        text);
    assertEquals(0, crm("resource", "clear", "d").rc());

    r = crm("resource", "move", "d", "n2", "PT1H", "force");
    assertEquals(0, r.rc(), r.err());
    text = Files.readString(cib);
    assertTrue(
        text.matches("(?s).*<rule id=\"cli-prefer-rule-d\"(?=[^>]*score=\"INFINITY\")[^>]*>.*"),
        text);
    assertTrue(
        text.matches("(?s).*<expression id=\"cli-prefer-expr-d\"(?=[^>]*value=\"n2\")[^>]*/>.*"),
        text);
    assertTrue(
        text.matches(
            "(?s).*<date_expression id=\"cli-prefer-lifetime-end-d\" end=\"\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ\" operation=\"lt\"/>.*"),
        text);
    assertTrue(text.contains("id=\"cli-ban-d-on-n1-lifetime\""), text);
    assertTrue(r.err().contains("expires at"), r.err());

    Run bad = crm("resource", "ban", "d", "n2", "PTfoo");
    assertEquals(1, bad.rc());
    assertTrue(bad.err().contains("\"PTfoo\""), bad.err());
  }

  @Test
  void waitAndRestartOnAFileDoNotWait() throws Exception {
    Run r = crm("-w", "resource", "restart", "d");
    assertEquals(0, r.rc(), r.err());
    assertTrue(Files.readString(cib).contains("name=\"target-role\" value=\"Started\""));
  }

  @Test
  void watchShowsTheViewAgainAndColourMarksStates() {
    Run r = crm("status", "--watch=1", "--iterations=2");
    assertEquals(0, r.rc(), r.err());
    assertEquals(2, r.out().split("Cluster Summary:", -1).length - 1, r.out());
    String painted = StatusView.paint("  * Online: [ n1 ]\n  * OFFLINE: [ n3 ]");
    assertTrue(painted.contains("\033[32mOnline\033[0m"), painted);
    assertTrue(painted.contains("\033[31mOFFLINE\033[0m"), painted);
    assertEquals(1, crm("status", "--watch=x").rc());
  }

  @Test
  void statusOptionsCrmMonDoesNotHaveSaySo() {
    Run r = crm("status", "html");
    assertEquals(1, r.rc());
    assertTrue(r.err().contains("unknown output format 'html'"), r.err());
  }
}
