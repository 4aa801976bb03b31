package org.pacer.crmd.cib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.crmd.graph.ResourceRef;
import org.pacer.crmd.history.LocalHistory;
import org.pacer.crmd.history.OpRecord;
import org.pacer.crmd.history.OpStatus;

class StatusXmlTest {

  @TempDir Path tmp;

  static OpRecord op(String rsc, String op, long interval, int rc, int targetRc, int callId) {
    return new OpRecord(
        "",
        rsc + "_" + op + "_" + interval,
        op,
        interval,
        callId,
        rc,
        OpStatus.DONE,
        callId + ":1:" + targetRc + ":1",
        1_700_000_000L,
        10,
        0,
        "",
        org.pacer.crmd.controller.OpDigest.of(Map.of()));
  }

  /** A status section the controller would write for three nodes. */
  static String status() {
    ResourceRef dummy = ResourceRef.ocf("rsc1", "pacemaker", "Dummy");
    LocalHistory n1 = new LocalHistory();
    n1.record(dummy, op("rsc1", "monitor", 0, 7, 7, 1));
    n1.record(dummy, op("rsc1", "start", 0, 0, 0, 2));
    n1.record(dummy, op("rsc1", "monitor", 10000, 0, 0, 3));
    LocalHistory n2 = new LocalHistory();
    n2.record(dummy, op("rsc1", "monitor", 0, 7, 7, 1));
    Map<String, String> member =
        Map.of("in_ccm", "true", "crmd", "online", "join", "member", "expected", "member");
    return "<status>"
        + StatusXml.nodeState("1", "node1", member).replace("/>", ">")
        + StatusXml.lrm("1", n1.snapshot())
        + StatusXml.transientAttributes("1", Map.of("fail-count-rsc1#monitor_10000", "1"))
        + "</node_state>"
        + StatusXml.nodeState("2", "node2", member).replace("/>", ">")
        + StatusXml.lrm("2", n2.snapshot())
        + "</node_state>"
        + StatusXml.nodeState(
            "3",
            "node3",
            Map.of("in_ccm", "false", "crmd", "offline", "join", "down", "expected", "down"))
        + "</status>";
  }

  static String cib(String status) {
    return "<cib crm_feature_set=\"3.16.1\" validate-with=\"pacemaker-3.7\" epoch=\"5\""
        + " num_updates=\"0\" admin_epoch=\"0\" have-quorum=\"1\" dc-uuid=\"1\">"
        + "<configuration><crm_config><cluster_property_set id=\"opts\">"
        + "<nvpair id=\"opts-stonith\" name=\"stonith-enabled\" value=\"false\"/>"
        + "</cluster_property_set></crm_config>"
        + "<nodes><node id=\"1\" uname=\"node1\"/><node id=\"2\" uname=\"node2\"/>"
        + "<node id=\"3\" uname=\"node3\"/></nodes>"
        + "<resources><primitive id=\"rsc1\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">"
        + "<operations><op id=\"rsc1-mon\" name=\"monitor\" interval=\"10s\"/></operations>"
        + "</primitive></resources><constraints/></configuration>"
        + status
        + "</cib>";
  }

  @Test
  void recordsKeepPacemakersEntryIds() {
    ResourceRef dummy = ResourceRef.ocf("rsc1", "pacemaker", "Dummy");
    LocalHistory h = new LocalHistory();
    h.record(dummy, op("rsc1", "start", 0, 1, 0, 2));
    List<String> ids = h.get("rsc1").ops().stream().map(OpRecord::id).toList();
    assertEquals(List.of("rsc1_last_0", "rsc1_last_failure_0"), ids);
    String xml = StatusXml.lrmResource(h.get("rsc1"));
    assertTrue(xml.contains("transition-magic=\"0:1;2:1:0:1\""), xml);
    assertEquals(
        "status-1-fail-count-rsc1.monitor_10000",
        StatusXml.xmlId("status-1-fail-count-rsc1#monitor_10000"));
  }

  /** Pacemaker's own scheduler reads what we write: the resource is where our history says. */
  @Test
  void pacemakersSchedulerReadsOurStatus() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/crm_simulate")), "no crm_simulate");
    Path cib = tmp.resolve("cib.xml");
    Files.writeString(cib, cib(status()));
    ProcessBuilder pb =
        new ProcessBuilder("/usr/sbin/crm_simulate", "-x", cib.toString(), "-S")
            .redirectErrorStream(true);
    pb.environment().put("CIB_shadow_dir", tmp.toString());
    pb.environment().put("LC_ALL", "C");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("Online: [ node1 node2 ]"), out);
    assertTrue(out.contains("OFFLINE: [ node3 ]"), out);
    assertTrue(out.matches("(?s).*rsc1\\s+\\(ocf:pacemaker:Dummy\\):\\s+Started node1.*"), out);
    // Nothing to do: not even a restart, so our op-digest is the one Pacemaker computes.
    String summary =
        out.substring(out.indexOf("Transition Summary:"), out.indexOf("Executing Cluster"));
    assertTrue(!summary.contains("rsc1"), "nothing to do for rsc1:\n" + out);
  }
}
