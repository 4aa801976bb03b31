package org.pacer.lrmd.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pacer.messaging.paths.NodePaths;

/** The pure rules of the agent classes: names, codes, environment, exit reasons, systemd. */
class AgentRulesTest {

  @Test
  void parsesAgentNames() {
    assertEquals(AgentId.ocf("heartbeat", "IPaddr2"), AgentId.parse("ocf:heartbeat:IPaddr2"));
    assertEquals(AgentId.of(AgentClass.LSB, "foo"), AgentId.parse("lsb:foo"));
    assertEquals(
        AgentId.of(AgentClass.STONITH, "external/ssh"), AgentId.parse("stonith:external/ssh"));
    assertEquals("ocf:heartbeat:Dummy", AgentId.parse("ocf:heartbeat:Dummy").toString());
    assertEquals("systemd:foo", AgentId.parse("systemd:foo").toString());
  }

  @Test
  void rejectsBadAgentNamesWithTheReason() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> AgentId.parse("ocf:Dummy"))
            .getMessage()
            .contains("names no provider"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> AgentId.parse("nagios:x"))
            .getMessage()
            .contains("unknown agent class 'nagios'"));
    assertThrows(IllegalArgumentException.class, () -> AgentId.parse("ocf:heartbeat:../../x"));
    assertThrows(IllegalArgumentException.class, () -> AgentId.parse("lsb:../../bin/sh"));
    assertThrows(IllegalArgumentException.class, () -> AgentId.parse("Dummy"));
  }

  @Test
  void mapsOcfExitCodes() {
    assertEquals(OcfCode.RUNNING_PROMOTED, OcfCode.fromExit(8));
    assertEquals(OcfCode.FAILED_PROMOTED, OcfCode.fromExit(9));
    assertEquals(OcfCode.DEGRADED_PROMOTED, OcfCode.fromExit(191));
    assertEquals(OcfCode.ERROR, OcfCode.fromExit(42));
    assertFalse(OcfCode.isDefined(42));
    assertEquals("promoted (failed)", OcfCode.FAILED_PROMOTED.description());
  }

  @Test
  void mapsLsbStatusCodesApartFromOtherActions() {
    assertEquals(OcfCode.OK, LsbExitCodes.toOcf("status", 0));
    assertEquals(OcfCode.NOT_RUNNING, LsbExitCodes.toOcf("monitor", 1));
    assertEquals(OcfCode.NOT_RUNNING, LsbExitCodes.toOcf("status", 2));
    assertEquals(OcfCode.NOT_RUNNING, LsbExitCodes.toOcf("status", 3));
    assertEquals(OcfCode.ERROR, LsbExitCodes.toOcf("status", 4));
    assertEquals(OcfCode.NOT_INSTALLED, LsbExitCodes.toOcf("status", 150));
    assertEquals(OcfCode.INSUFFICIENT_PRIV, LsbExitCodes.toOcf("status", 151));
    assertEquals(OcfCode.UNIMPLEMENTED, LsbExitCodes.toOcf("start", 3));
    assertEquals(OcfCode.NOT_RUNNING, LsbExitCodes.toOcf("stop", 7));
    assertEquals(OcfCode.ERROR, LsbExitCodes.toOcf("start", 150));
  }

  @Test
  void exitReasonIsTheLastPrefixedLine() {
    assertEquals("", ExitReasons.parse("plain error\n"));
    assertEquals("disk full", ExitReasons.parse("x\nocf-exit-reason:disk full\n"));
    assertEquals("second", ExitReasons.parse("ocf-exit-reason:first\nocf-exit-reason:second"));
    assertEquals("", ExitReasons.parse("  ocf-exit-reason:indented is not a reason\n"));
    assertEquals(
        ExitReasons.MAX_LENGTH, ExitReasons.parse("ocf-exit-reason:" + "x".repeat(5000)).length());
  }

  @Test
  void environmentCarriesParametersMetaAndNodeUnderPacersHelpers() {
    AgentConfig config =
        AgentConfig.forNode(new NodePaths(Path.of("/tmp/n1")), "n1", Map.of("PATH", "/usr/bin"))
            .withHelperDir(Path.of("/opt/pacer/helpers"));
    ActionRequest request =
        new ActionRequest(
            "web",
            AgentId.parse("ocf:heartbeat:apache"),
            "monitor",
            30_000,
            20_000,
            Map.of("configfile", "/etc/a.conf", "empty", ""),
            Map.of("clone-node-max", "1"),
            null);
    Map<String, String> env = OcfEnvironment.build(config, request);
    assertEquals("/opt/pacer/helpers:/usr/bin", env.get("PATH"));
    assertEquals("/opt/pacer/helpers", env.get("HA_SBIN_DIR"));
    assertEquals("/tmp/n1/run/resource-agents", env.get("HA_RSCTMP"));
    assertEquals("/tmp/n1/var/run/", env.get("HA_VARRUN"));
    assertEquals("/usr/lib/ocf", env.get("OCF_ROOT"));
    assertEquals("/usr/lib/ocf/lib/heartbeat", env.get("OCF_FUNCTIONS_DIR"));
    assertEquals("", env.get("OCF_RESKEY_empty"));
    assertEquals("/etc/a.conf", env.get("OCF_RESKEY_configfile"));
    assertEquals("1", env.get("OCF_RESKEY_CRM_meta_clone_node_max"));
    assertEquals("20000", env.get("OCF_RESKEY_CRM_meta_timeout"));
    assertEquals("30000", env.get("OCF_RESKEY_CRM_meta_interval"));
    assertEquals("n1", env.get("OCF_RESKEY_CRM_meta_on_node"));
    assertNull(env.get("OCF_CHECK_LEVEL"));
  }

  @Test
  void systemRootLeavesAgentStateWhereAgentsExpectIt() {
    AgentConfig config = AgentConfig.forNode(new NodePaths(Path.of("/")), "n1", Map.of());
    Map<String, String> env =
        OcfEnvironment.build(config, ActionRequest.of("d", AgentId.parse("ocf:a:b"), "start", 1));
    assertNull(env.get("HA_RSCTMP"));
    assertEquals(
        AgentConfig.DEFAULT_HELPER_DIR + ":" + OcfEnvironment.DEFAULT_PATH, env.get("PATH"));
  }

  @Test
  void parameterCannotOverrideTheOperationsOwnMeta() {
    AgentConfig config = AgentConfig.forNode(new NodePaths(Path.of("/")), "n1", Map.of());
    ActionRequest request =
        ActionRequest.of("d", AgentId.parse("ocf:a:b"), "start", 5000)
            .withParameters(Map.of("CRM_meta_timeout", "1"));
    assertEquals("5000", OcfEnvironment.build(config, request).get("OCF_RESKEY_CRM_meta_timeout"));
  }

  @Test
  void notificationBecomesMetaWithLegacyNames() {
    Notification notification =
        new Notification(
            "pre",
            "start",
            Map.of("start", List.of("db:0", "db:1"), "promoted", List.of("db:2")),
            Map.of("start", List.of("n1", "n2"), "promoted", List.of("n3")));
    Map<String, String> meta = notification.meta();
    assertEquals("pre", meta.get("notify_type"));
    assertEquals("db:0 db:1", meta.get("notify_start_resource"));
    assertEquals("n1 n2", meta.get("notify_start_uname"));
    assertEquals("db:2", meta.get("notify_master_resource"));
    assertEquals("", meta.get("notify_stop_resource"));
    assertFalse(meta.containsKey("notify_inactive_uname"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Notification("during", "start", Map.of(), Map.of()));
  }

  @Test
  void environmentNamesThatCannotBeExportedAreRefused() {
    AgentId dummy = AgentId.parse("ocf:heartbeat:Dummy");
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    ActionRequest.of("d", dummy, "start", 1000).withParameters(Map.of("a=b", "1")))
            .getMessage()
            .contains("invalid parameter name 'a=b'"));
    assertThrows(
        IllegalArgumentException.class,
        () -> ActionRequest.of("d", dummy, "start", 1000).withMeta(Map.of("x", "nul\0")));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new org.pacer.lrmd.executor.ResourceDefinition("d", dummy, Map.of("", "1"), Map.of()));
  }

  @Test
  void systemdDropInMarksTheUnitClusterControlled() {
    assertEquals(
        Path.of("/run/systemd/system/foo.service.d/50-pacer.conf"),
        SystemdUnits.dropInFile(Path.of("/run/systemd/system"), "foo.service"));
    String dropIn = SystemdUnits.dropIn("foo.service");
    assertTrue(dropIn.contains("Restart=no"));
    assertTrue(dropIn.contains("Before=pacer-lrmd.service"));
  }

  @Test
  void systemdUnitStatesDecideResults() {
    assertEquals("foo.service", SystemdUnits.unitName("foo"));
    assertEquals("foo.socket", SystemdUnits.unitName("foo.socket"));
    SystemdUnits.UnitState active =
        SystemdUnits.UnitState.parse("LoadState=loaded\nActiveState=active\nSubState=running\n");
    SystemdUnits.UnitState failed =
        SystemdUnits.UnitState.parse("LoadState=loaded\nActiveState=failed\nSubState=failed\n");
    SystemdUnits.UnitState missing =
        SystemdUnits.UnitState.parse("LoadState=not-found\nActiveState=inactive\nSubState=dead\n");
    SystemdUnits.UnitState starting =
        SystemdUnits.UnitState.parse("LoadState=loaded\nActiveState=activating\nSubState=start\n");
    assertTrue(starting.transitional());
    assertEquals(OcfCode.OK, SystemdUnits.verdict("start", "u", active).code());
    assertEquals(OcfCode.ERROR, SystemdUnits.verdict("start", "u", failed).code());
    assertEquals(OcfCode.OK, SystemdUnits.verdict("stop", "u", failed).code());
    assertEquals(OcfCode.NOT_RUNNING, SystemdUnits.verdict("monitor", "u", failed).code());
    assertEquals(OcfCode.NOT_INSTALLED, SystemdUnits.verdict("start", "u", missing).code());
    assertEquals(OcfCode.NOT_RUNNING, SystemdUnits.verdict("monitor", "u", missing).code());
  }
}
