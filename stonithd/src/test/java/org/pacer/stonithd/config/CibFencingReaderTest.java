package org.pacer.stonithd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.pacer.cib.document.CibDocument;
import org.pacer.stonithd.TestCibs;

class CibFencingReaderTest {

  static String cib(
      String crmConfig, String nodes, String resources, String constraints, String topology) {
    return TestCibs.cib(crmConfig, nodes, resources, constraints, topology);
  }

  static String nv(String name, String value) {
    return TestCibs.nv(name, value);
  }

  static String device(String id, String agent, String... params) {
    return TestCibs.primitive(id, agent, params);
  }

  static FencingConfig read(String xml) {
    return CibFencingReader.read(CibDocument.parse(xml, "test"));
  }

  @Test
  void readsPcmkParametersWithPacemakerDefaults() {
    FencingConfig c =
        read(
            cib(
                nv("stonith-timeout", "90s") + nv("priority-fencing-delay", "15"),
                "",
                device(
                        "ipmi1",
                        "fence_ipmilan",
                        "ip",
                        "10.0.0.1",
                        "pcmk_host_map",
                        "node1:1;node2:2,3",
                        "pcmk_delay_max",
                        "5s",
                        "pcmk_delay_base",
                        "node1:1s;node2:2000ms",
                        "pcmk_reboot_action",
                        "cycle",
                        "pcmk_off_timeout",
                        "2min",
                        "pcmk_reboot_retries",
                        "4",
                        "pcmk_action_limit",
                        "-1")
                    + "<primitive id=\"web\" class=\"ocf\" provider=\"heartbeat\" type=\"apache\"/>",
                "",
                ""));
    assertEquals(Duration.ofSeconds(90), c.stonithTimeout());
    assertEquals(Duration.ofSeconds(15), c.priorityFencingDelay());
    assertEquals(Set.of("ipmi1"), c.devices().keySet());
    DeviceConfig d = c.device("ipmi1").orElseThrow();
    assertTrue(d.usable(), d.problems().toString());
    assertEquals(Map.of("ip", "10.0.0.1"), d.params());
    assertEquals("2,3", d.portFor("node2"));
    assertEquals("node9", d.portFor("node9"));
    assertEquals(HostCheck.STATIC_LIST, d.effectiveHostCheck(Set.of("list", "status")));
    assertEquals("cycle", d.settings(FenceAction.REBOOT).agentAction());
    assertEquals(4, d.settings(FenceAction.REBOOT).retries());
    assertEquals(Duration.ofSeconds(90), d.settings(FenceAction.REBOOT).timeout());
    assertEquals(Duration.ofMinutes(2), d.settings(FenceAction.OFF).timeout());
    assertEquals(2, d.settings(FenceAction.OFF).retries());
    assertEquals(-1, d.actionLimit());
    assertEquals(Duration.ofSeconds(1), d.delayBase().forTarget("node1"));
    RandomGenerator r = RandomGenerator.of("L64X128MixRandom");
    for (int i = 0; i < 100; i++) {
      Duration delay = d.delayFor("node2", r);
      assertTrue(delay.toMillis() >= 2000 && delay.toMillis() <= 5000, delay.toString());
    }
  }

  @Test
  void hostCheckDefaultFollowsListsThenAgentActions() {
    FencingConfig c = read(cib("", "", device("d", "fence_dummy"), "", ""));
    DeviceConfig d = c.device("d").orElseThrow();
    assertEquals(HostCheck.DYNAMIC_LIST, d.effectiveHostCheck(Set.of("list", "status")));
    assertEquals(HostCheck.STATUS, d.effectiveHostCheck(Set.of("status", "reboot")));
    assertEquals(HostCheck.NONE, d.effectiveHostCheck(Set.of("reboot")));
    assertEquals(Optional.of("port"), d.effectiveHostArgument(Set.of("port", "plug")));
    assertEquals(Optional.of("plug"), d.effectiveHostArgument(Set.of("plug")));
    assertEquals(Optional.empty(), d.effectiveHostArgument(Set.of("ip")));
  }

  @Test
  void badParametersMakeTheDeviceUnusableWithReasons() {
    FencingConfig c =
        read(
            cib(
                "",
                "",
                device(
                        "bad",
                        "fence_dummy",
                        "pcmk_host_check",
                        "sometimes",
                        "pcmk_delay_max",
                        "soon",
                        "pcmk_reboot_retries",
                        "many",
                        "pcmk_host_map",
                        "node1",
                        "pcmk_bogus",
                        "1")
                    + device("nolist", "fence_dummy", "pcmk_host_check", "static-list"),
                "",
                ""));
    DeviceConfig bad = c.device("bad").orElseThrow();
    assertFalse(bad.usable());
    String all = String.join("\n", bad.problems());
    assertTrue(all.contains("pcmk_host_check='sometimes'"), all);
    assertTrue(all.contains("pcmk_delay_max"), all);
    assertTrue(all.contains("pcmk_reboot_retries='many'"), all);
    assertTrue(all.contains("pcmk_host_map"), all);
    assertTrue(all.contains("unknown fencing parameter pcmk_bogus"), all);
    assertTrue(c.device("nolist").orElseThrow().problems().get(0).contains("needs pcmk_host_list"));
  }

  @Test
  void locationBansAndTargetRole() {
    String res =
        device("d1", "fence_dummy")
            + "<primitive id=\"d2\" class=\"stonith\" type=\"fence_dummy\"><meta_attributes id=\"m\">"
            + nv("target-role", "Stopped")
            + nv("priority", "10")
            + "</meta_attributes></primitive>";
    String cons =
        "<rsc_location id=\"l1\" rsc=\"d1\" node=\"node1\" score=\"-INFINITY\"/>"
            + "<rsc_location id=\"l2\" rsc=\"d1\" node=\"node2\" score=\"100\"/>";
    FencingConfig c = read(cib("", "", res, cons, ""));
    DeviceConfig d1 = c.device("d1").orElseThrow();
    assertFalse(d1.allowedOn("node1"));
    assertTrue(d1.allowedOn("node2"));
    DeviceConfig d2 = c.device("d2").orElseThrow();
    assertFalse(d2.enabled());
    assertEquals(10, d2.priority());
    assertEquals(
        List.of("d2", "d1"), c.devicesByPriority().stream().map(DeviceConfig::id).toList());
  }

  @Test
  void topologyByNamePatternAndAttribute() {
    String nodes =
        "<node id=\"1\" uname=\"node1\"><instance_attributes id=\"n1\">"
            + nv("rack", "A")
            + "</instance_attributes></node>"
            + "<node id=\"2\" uname=\"node2\"/><node id=\"3\" uname=\"web3\"/>";
    String topo =
        "<fencing-topology>"
            + "<fencing-level id=\"f1\" target=\"node2\" index=\"2\" devices=\"d2\"/>"
            + "<fencing-level id=\"f2\" target=\"node2\" index=\"1\" devices=\"d1,d3\"/>"
            + "<fencing-level id=\"f3\" target-pattern=\"^web[0-9]+$\" index=\"1\" devices=\"d3\"/>"
            + "<fencing-level id=\"f4\" target-attribute=\"rack\" target-value=\"A\" index=\"1\" devices=\"d1\"/>"
            + "<fencing-level id=\"f5\" target=\"node2\" index=\"12\" devices=\"d1\"/>"
            + "<fencing-level id=\"f6\" target=\"node3\" index=\"1\" devices=\"missing\"/>"
            + "</fencing-topology>";
    String res =
        device("d1", "fence_dummy") + device("d2", "fence_dummy") + device("d3", "fence_dummy");
    FencingConfig c = read(cib("", nodes, res, "", topo));
    assertEquals(
        List.of(List.of("d1", "d3"), List.of("d2")),
        c.levelsFor("node2").stream().map(TopologyLevel::devices).toList());
    assertEquals(
        List.of(List.of("d3")), c.levelsFor("web3").stream().map(TopologyLevel::devices).toList());
    assertEquals(
        List.of(List.of("d1")), c.levelsFor("node1").stream().map(TopologyLevel::devices).toList());
    assertTrue(c.levelsFor("other").isEmpty());
    String problems = String.join("\n", c.problems());
    assertTrue(problems.contains("index 12 is outside 1..9"), problems);
    assertTrue(problems.contains("device 'missing' does not exist"), problems);
    // The level naming a missing device is kept: fencing node3 then fails with that reason.
    assertEquals(1, c.levelsFor("node3").size());
  }

  @Test
  void durations() {
    assertEquals(Duration.ofSeconds(60), Durations.parse("60"));
    assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s"));
    assertEquals(Duration.ofMinutes(2), Durations.parse("2min"));
    assertEquals(Duration.ofHours(1), Durations.parse("1h"));
    assertEquals(Duration.ofMillis(250), Durations.parse("250ms"));
    assertEquals("60s", Durations.format(Duration.ofSeconds(60)));
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> Durations.parse("5 fortnights"));
    assertTrue(e.getMessage().contains("unknown time unit"), e.getMessage());
  }
}
