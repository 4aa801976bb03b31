package org.pacer.lrmd.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full action sequences of the real agents from resource-agents and pacemaker, with the codes
 * Pacemaker would record for each step.
 */
class RealAgentsIT {

  @TempDir Path dir;
  private TestNode node;

  @BeforeEach
  void setUp() throws Exception {
    TestNode.assumeAgentsInstalled();
    node = new TestNode(dir);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  private AgentResult run(ActionRequest request) throws Exception {
    return node.agents.execute(request).get(60, TimeUnit.SECONDS);
  }

  private void expect(OcfCode code, ActionRequest request) throws Exception {
    AgentResult result = run(request);
    assertEquals(ExecStatus.DONE, result.status(), () -> request.action() + ": " + result);
    assertEquals(code, result.code(), () -> request.action() + ": " + result);
  }

  private static ActionRequest request(
      String rsc, String agent, String action, Map<String, String> params) {
    return ActionRequest.of(rsc, AgentId.parse(agent), action, 20_000).withParameters(params);
  }

  private void dummySequence(String agent) throws Exception {
    ActionRequest base = request("dummy", agent, "monitor", Map.of());
    expect(OcfCode.NOT_RUNNING, base);
    expect(OcfCode.OK, base.withAction("start", 0, 20_000));
    expect(OcfCode.OK, base.withAction("monitor", 10_000, 20_000));
    expect(OcfCode.OK, base.withAction("start", 0, 20_000));
    expect(OcfCode.OK, base.withAction("stop", 0, 20_000));
    expect(OcfCode.NOT_RUNNING, base);
    expect(OcfCode.OK, base.withAction("stop", 0, 20_000));
  }

  @Test
  void heartbeatDummyKeepsItsStateUnderTheNodesRoot() throws Exception {
    dummySequence("ocf:heartbeat:Dummy");
    expect(OcfCode.OK, request("dummy", "ocf:heartbeat:Dummy", "start", Map.of()));
    // HA_RSCTMP points under the node's root and was created for the agent.
    assertTrue(Files.exists(dir.resolve("run/resource-agents/Dummy-dummy.state")));
    expect(OcfCode.OK, request("dummy", "ocf:heartbeat:Dummy", "reload", Map.of()));
    expect(OcfCode.OK, request("dummy", "ocf:heartbeat:Dummy", "validate-all", Map.of()));
  }

  @Test
  void pacemakerDummy() throws Exception {
    dummySequence("ocf:pacemaker:Dummy");
    expect(OcfCode.OK, request("dummy", "ocf:pacemaker:Dummy", "reload-agent", Map.of()));
  }

  @Test
  void statefulPromotesAndReportsPromotedAsEight() throws Exception {
    Map<String, String> params = Map.of("state", dir.resolve("st.state").toString());
    ActionRequest probe = request("st", "ocf:pacemaker:Stateful", "monitor", params);
    expect(OcfCode.NOT_RUNNING, probe);
    expect(OcfCode.OK, probe.withAction("start", 0, 20_000));
    expect(OcfCode.OK, probe.withAction("monitor", 11_000, 20_000));
    expect(OcfCode.OK, probe.withAction("promote", 0, 10_000));
    expect(OcfCode.RUNNING_PROMOTED, probe.withAction("monitor", 10_000, 20_000));
    expect(OcfCode.RUNNING_PROMOTED, probe);
    expect(OcfCode.OK, probe.withAction("demote", 0, 10_000));
    expect(OcfCode.OK, probe.withAction("monitor", 11_000, 20_000));
    expect(OcfCode.OK, probe.withAction("notify", 0, 5_000));
    expect(OcfCode.OK, probe.withAction("stop", 0, 20_000));
    expect(OcfCode.NOT_RUNNING, probe);
    // Stateful sets promotion scores through HA_SBIN_DIR, which points at Pacer's helpers.
    List<String> calls = Files.readAllLines(node.calls);
    assertTrue(calls.contains("crm_attribute --promotion -v 5"), calls::toString);
    assertTrue(calls.contains("crm_attribute --promotion -v 10"), calls::toString);
    assertTrue(calls.contains("crm_attribute --promotion -D"), calls::toString);
  }

  @Test
  void statefulFailedPromotedMonitorIsNineWithItsExitReason() throws Exception {
    Path state = dir.resolve("st.state");
    Files.writeString(dir.resolve("st.state.rc"), "9\n");
    AgentResult result =
        run(request("st", "ocf:pacemaker:Stateful", "monitor", Map.of("state", state.toString())));
    assertEquals(OcfCode.FAILED_PROMOTED, result.code());
    assertEquals("9 GB redirected to /dev/null", result.exitReason());
  }

  @Test
  void agentSeesTheWholeOcfEnvironment() throws Exception {
    Path envFile = dir.resolve("env.txt");
    ActionRequest request =
        new ActionRequest(
            "st:1",
            AgentId.parse("ocf:pacemaker:Stateful"),
            "monitor",
            10_000,
            20_000,
            Map.of(
                "state", dir.resolve("s").toString(), "envfile", envFile.toString(), "empty", ""),
            withNotification(Map.of("clone-max", "2", "notify", "true")),
            "10");
    run(request);
    List<String> env = Files.readAllLines(envFile);
    for (String expected :
        List.of(
            "OCF_ROOT=" + node.ocfRoot,
            "OCF_RA_VERSION_MAJOR=1",
            "OCF_RA_VERSION_MINOR=1",
            "OCF_RESOURCE_INSTANCE=st:1",
            "OCF_RESOURCE_TYPE=Stateful",
            "OCF_RESOURCE_PROVIDER=pacemaker",
            "OCF_RESKEY_empty=",
            "OCF_RESKEY_CRM_meta_clone_max=2",
            "OCF_RESKEY_CRM_meta_notify=true",
            "OCF_RESKEY_CRM_meta_timeout=20000",
            "OCF_RESKEY_CRM_meta_interval=10000",
            "OCF_RESKEY_CRM_meta_name=monitor",
            "OCF_RESKEY_CRM_meta_on_node=node1",
            "OCF_RESKEY_CRM_meta_on_node_uuid=node1",
            "OCF_CHECK_LEVEL=10",
            "OCF_RESKEY_CRM_meta_notify_type=pre",
            "OCF_RESKEY_CRM_meta_notify_operation=start",
            "OCF_RESKEY_CRM_meta_notify_start_resource=st:0 st:1",
            "OCF_RESKEY_CRM_meta_notify_start_uname=node1 node2",
            "OCF_RESKEY_CRM_meta_notify_promoted_resource=",
            "OCF_EXIT_REASON_PREFIX=ocf-exit-reason:",
            "HA_SBIN_DIR=" + node.helperDir,
            "HA_RSCTMP=" + dir.resolve("run/resource-agents"))) {
      assertTrue(env.contains(expected), () -> expected + " missing from " + env);
    }
    assertTrue(
        env.stream().anyMatch(l -> l.startsWith("PATH=" + node.helperDir + ":")),
        "helper directory is not first on PATH");
  }

  private static Map<String, String> withNotification(Map<String, String> meta) {
    Map<String, String> all = new java.util.HashMap<>(meta);
    all.putAll(
        new Notification(
                "pre",
                "start",
                Map.of("start", List.of("st:0", "st:1")),
                Map.of("start", List.of("node1", "node2")))
            .meta());
    return all;
  }

  @Test
  void delayRunsForItsDelayAndTimesOutPastIt() throws Exception {
    Map<String, String> params = Map.of("startdelay", "1", "stopdelay", "0", "mondelay", "0");
    ActionRequest start = request("delay", "ocf:heartbeat:Delay", "start", params);
    AgentResult started = run(start);
    assertEquals(OcfCode.OK, started.code(), started::toString);
    assertTrue(started.runTime().toMillis() >= 1000, () -> "ran " + started.runTime());
    expect(OcfCode.OK, start.withAction("monitor", 0, 20_000));
    expect(OcfCode.OK, start.withAction("stop", 0, 20_000));
    expect(OcfCode.NOT_RUNNING, start.withAction("monitor", 0, 20_000));

    AgentResult slow =
        run(
            request("slow", "ocf:heartbeat:Delay", "start", Map.of("startdelay", "30"))
                .withAction("start", 0, 500));
    assertEquals(ExecStatus.TIMEOUT, slow.status(), slow::toString);
    assertEquals(OcfCode.ERROR, slow.code());
  }

  @Test
  void anythingRunsADaemonThatOutlivesTheStartAction() throws Exception {
    Path pidFile = node.pidFile("anything.pid");
    Map<String, String> params =
        Map.of(
            "binfile",
            "/bin/sleep",
            "cmdline_options",
            "3600",
            "pidfile",
            pidFile.toString(),
            "logfile",
            dir.resolve("anything.log").toString());
    ActionRequest start = request("any", "ocf:heartbeat:anything", "start", params);
    expect(OcfCode.NOT_RUNNING, start.withAction("monitor", 0, 20_000));
    expect(OcfCode.OK, start);
    long daemon = node.pids(pidFile).get(0);
    assertTrue(node.running(daemon));
    expect(OcfCode.OK, start.withAction("monitor", 10_000, 20_000));
    expect(OcfCode.OK, start.withAction("stop", 0, 20_000));
    expect(OcfCode.NOT_RUNNING, start.withAction("monitor", 0, 20_000));
    assertFalse(node.running(daemon));
  }

  @Test
  void lsbScriptFollowsTheLsbStatusRules() throws Exception {
    ActionRequest monitor = request("svc", "lsb:pacer-test-service", "monitor", Map.of());
    expect(OcfCode.NOT_RUNNING, monitor);
    expect(OcfCode.OK, monitor.withAction("start", 0, 20_000));
    Path pidFile = node.pidFile("run/pacer-test-service/pacer-test-service.pid");
    long daemon = node.pids(pidFile).get(0);
    expect(OcfCode.OK, monitor.withAction("monitor", 15_000, 20_000));
    expect(OcfCode.OK, monitor.withAction("restart", 0, 20_000));
    expect(OcfCode.OK, monitor.withAction("stop", 0, 20_000));
    expect(OcfCode.NOT_RUNNING, monitor);
    assertFalse(node.running(daemon));
    // Dead with its pid file left behind: LSB status 1, still "not running" to the cluster.
    Files.writeString(pidFile, "999999999\n");
    AgentResult stale = run(monitor);
    assertEquals(1, stale.exitCode());
    assertEquals(OcfCode.NOT_RUNNING, stale.code());
    // An action the script rejects (exit 2) is an invalid-parameter error.
    expect(OcfCode.INVALID_PARAM, monitor.withAction("frobnicate", 0, 20_000));
  }

  @Test
  void serviceClassPicksTheInitScript() throws Exception {
    ActionRequest monitor = request("svc", "service:pacer-test-service", "monitor", Map.of());
    expect(OcfCode.NOT_RUNNING, monitor);
    expect(OcfCode.OK, monitor.withAction("start", 0, 20_000));
    node.pidFile("run/pacer-test-service/pacer-test-service.pid");
    expect(OcfCode.OK, monitor);
    expect(OcfCode.OK, monitor.withAction("stop", 0, 20_000));
  }
}
