package org.pacer.pengine.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pacer.pengine.Simulator;
import org.pacer.pengine.graph.TransitionGraph;

/** Bundles: the parts a bundle makes, where they go, in which order they start. */
class BundleTest {
  private static final String NODES =
      "<cib have-quorum='1'><configuration><crm_config><cluster_property_set id='o'>"
          + "<nvpair id='o1' name='stonith-enabled' value='false'/></cluster_property_set>"
          + "</crm_config><nodes><node id='1' uname='n1'/><node id='2' uname='n2'/></nodes>"
          + "<resources>";

  private static final String STATUS =
      "</constraints></configuration><status>"
          + "<node_state id='1' uname='n1' in_ccm='true' crmd='online' join='member'"
          + " expected='member'/>"
          + "<node_state id='2' uname='n2' in_ccm='true' crmd='online' join='member'"
          + " expected='member'/></status></cib>";

  private static final String WEB =
      "<bundle id='web'><docker image='httpd:2' replicas='2'/>"
          + "<network ip-range-start='192.168.1.10' host-interface='eth0' host-netmask='24'"
          + " control-port='3121'/>"
          + "<primitive id='httpd' class='ocf' provider='heartbeat' type='apache'/></bundle>"
          + "<primitive id='other' class='ocf' provider='heartbeat' type='Dummy'/>";

  private static Transition schedule(String resources, String constraints) throws Exception {
    return Simulator.schedule(
        NODES + resources + "</resources><constraints>" + constraints + STATUS,
        LocalDateTime.of(2026, 1, 1, 0, 0));
  }

  private static List<String> summary(String resources, String constraints) throws Exception {
    return schedule(resources, constraints).summary();
  }

  private static List<String> normalised(List<String> lines) {
    return lines.stream().map(l -> l.trim().replaceAll("\\s+", " ")).toList();
  }

  @Test
  void eachReplicaGetsAnAddressAContainerAGuestNodeAndAnInstanceInReplicaOrder() throws Exception {
    List<String> s = normalised(summary(WEB, ""));
    assertEquals(
        List.of(
            "* Start web-ip-192.168.1.10 ( n1 )",
            "* Start web-docker-0 ( n1 )",
            "* Start web-0 ( n1 )",
            "* Start httpd:0 ( web-0 )",
            "* Start web-ip-192.168.1.11 ( n2 )",
            "* Start web-docker-1 ( n2 )",
            "* Start web-1 ( n2 )",
            "* Start httpd:1 ( web-1 )",
            "* Start other ( n1 )"),
        s.stream().map(l -> l.replace("other ( n2 )", "other ( n1 )")).toList(),
        s.toString());
  }

  @Test
  void partsStartInOrderAddressContainerConnectionInstance() throws Exception {
    TransitionGraph g = schedule(WEB, "").graph();
    assertTrue(
        FencingOrderTest.inputsOf(g, "web-docker-0_start_0")
            .contains("web-ip-192.168.1.10_start_0"));
    assertTrue(FencingOrderTest.inputsOf(g, "web-0_start_0").contains("web-docker-0_start_0"));
    assertTrue(
        FencingOrderTest.inputsOf(g, "httpd:0_start_0").contains("web-0_start_0"),
        FencingOrderTest.inputsOf(g, "httpd:0_start_0").toString());
  }

  @Test
  void replicasPerHostAndBansKeepContainersApartAndOthersOffGuestNodes() throws Exception {
    // Only n2 allowed: one replica per host leaves the second container stopped.
    List<String> s =
        normalised(summary(WEB, "<rsc_location id='ban' rsc='web' node='n1' score='-INFINITY'/>"));
    assertTrue(
        s.contains("* Start web-docker-0 ( n2 )") || s.contains("* Start web-docker-1 ( n2 )"),
        s.toString());
    assertEquals(
        1, s.stream().filter(l -> l.startsWith("* Start web-docker-")).count(), s.toString());
    // The other replica's connection and instance are placed but wait for a container that has
    // nowhere to run, as crm_simulate reports it.
    assertTrue(
        s.stream()
            .anyMatch(
                l ->
                    l.matches(
                        "\\* Start httpd:\\d \\( web-\\d \\) due to unrunnable web-docker-\\d start \\(blocked\\)")),
        s.toString());
    // "other" may not use a replica's guest node even when it prefers it.
    s = normalised(summary(WEB, "<rsc_location id='pref' rsc='other' node='web-0' score='1000'/>"));
    assertTrue(s.stream().anyMatch(l -> l.startsWith("* Start other ( n")), s.toString());
  }

  @Test
  void aPromotedBundleReadsPromotionScoresFromTheHostWhenToldTo() throws Exception {
    String db =
        "<bundle id='db'><podman image='pg' replicas='2' promoted-max='1'/>"
            + "<primitive id='pg' class='ocf' provider='heartbeat' type='pgsql'>"
            + "<meta_attributes id='pg-m'><nvpair id='pg-m1' name='container-attribute-target'"
            + " value='host'/></meta_attributes></primitive></bundle>";
    String cib =
        NODES
            + db
            + "</resources><constraints>"
            + STATUS.replace(
                "<node_state id='2' uname='n2' in_ccm='true' crmd='online' join='member'"
                    + " expected='member'/>",
                "<node_state id='2' uname='n2' in_ccm='true' crmd='online' join='member'"
                    + " expected='member'><transient_attributes id='2'><instance_attributes"
                    + " id='s2'><nvpair id='s2-1' name='master-pg' value='10'/>"
                    + "</instance_attributes></transient_attributes></node_state>");
    List<String> s =
        normalised(Simulator.schedule(cib, LocalDateTime.of(2026, 1, 1, 0, 0)).summary());
    String onN2 =
        s.stream()
            .filter(l -> l.matches("\\* Start db-podman-\\d \\( n2 \\)"))
            .findFirst()
            .orElseThrow();
    String replica = onN2.replaceAll(".*db-podman-(\\d).*", "$1");
    assertTrue(
        s.contains("* Promote pg:" + replica + " ( Stopped -> Promoted db-" + replica + " )"),
        s.toString());
    assertEquals(1, s.stream().filter(l -> l.startsWith("* Promote")).count(), s.toString());
  }

  @Test
  void aBundleWithoutPrimitiveRunsOnlyContainers() throws Exception {
    List<String> s =
        normalised(summary("<bundle id='b'><podman image='x' replicas='3'/></bundle>", ""));
    // Two nodes, one replica per host: the third container has nowhere to go.
    assertEquals(2, s.size(), s.toString());
    assertTrue(s.get(0).startsWith("* Start b-podman-0 ( n"), s.toString());
  }

  @Test
  void statusShowsEachReplicaByItsGuestNodeAndAddress() throws Exception {
    String status = schedule(WEB, "").status(false);
    assertTrue(status.contains("    * Container bundle set: web [httpd:2]:\n"), status);
    assertTrue(
        status.contains("      * web-0 (192.168.1.10)\t(ocf:heartbeat:apache):\t Stopped\n"),
        status);
    assertTrue(status.contains("web-1 (192.168.1.11)"), status);
    // The parts are shown only inside the bundle, and stopped replicas are not listed as nodes.
    assertTrue(!status.contains("web-docker-0") && !status.contains("OFFLINE"), status);
  }
}
