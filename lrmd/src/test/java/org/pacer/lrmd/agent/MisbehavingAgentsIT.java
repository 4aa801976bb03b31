package org.pacer.lrmd.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Bad agents: each gets a precise result and a log line naming the agent, action and cause. */
class MisbehavingAgentsIT {

  @TempDir Path dir;
  private TestNode node;
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeEach
  void setUp() throws Exception {
    TestNode.assumeAgentsInstalled();
    node = new TestNode(dir);
    logs.start();
    ((Logger) LoggerFactory.getLogger(Agents.class)).addAppender(logs);
  }

  @AfterEach
  void tearDown() throws Exception {
    ((Logger) LoggerFactory.getLogger(Agents.class)).detachAppender(logs);
    if (node != null) {
      node.close();
    }
  }

  private AgentResult misbehave(String mode, Path pids, long timeoutMs) throws Exception {
    ActionRequest request =
        ActionRequest.of("bad", AgentId.parse("ocf:pacer:Misbehave"), "start", timeoutMs)
            .withParameters(Map.of("mode", mode, "pids", pids.toString()));
    return node.agents.execute(request).get(60, TimeUnit.SECONDS);
  }

  private void assertLogged(String... parts) {
    boolean found =
        logs.list.stream()
            .map(ILoggingEvent::getFormattedMessage)
            .anyMatch(m -> List.of(parts).stream().allMatch(m::contains));
    assertTrue(found, () -> "no log line with " + List.of(parts) + " in " + logs.list);
  }

  @Test
  void missingAgentIsNotInstalled() throws Exception {
    AgentResult result =
        node.agents
            .execute(ActionRequest.of("x", AgentId.parse("ocf:pacer:NoSuchAgent"), "start", 5000))
            .get(10, TimeUnit.SECONDS);
    assertEquals(ExecStatus.NOT_INSTALLED, result.status());
    assertEquals(OcfCode.NOT_INSTALLED, result.code());
    assertTrue(result.exitReason().endsWith("NoSuchAgent: No such file or directory"));
    assertLogged("x start of ocf:pacer:NoSuchAgent", "Not installed", "No such file");
  }

  @Test
  void missingInitScriptIsNotInstalled() throws Exception {
    AgentResult result =
        node.agents
            .execute(ActionRequest.of("x", AgentId.parse("lsb:no-such-script"), "monitor", 5000))
            .get(10, TimeUnit.SECONDS);
    assertEquals(ExecStatus.NOT_INSTALLED, result.status());
    assertEquals(OcfCode.NOT_INSTALLED, result.code());
  }

  @Test
  void agentThatIsNotExecutableLacksPrivileges() throws Exception {
    Path provider = Files.createDirectories(node.ocfRoot.resolve("resource.d/broken"));
    Files.writeString(provider.resolve("NoExec"), "#!/bin/sh\nexit 0\n");
    AgentResult result =
        node.agents
            .execute(ActionRequest.of("x", AgentId.parse("ocf:broken:NoExec"), "start", 5000))
            .get(10, TimeUnit.SECONDS);
    assertEquals(OcfCode.INSUFFICIENT_PRIV, result.code());
    assertEquals(ExecStatus.ERROR, result.status());
    assertLogged("x start of ocf:broken:NoExec", "not executable");
  }

  @Test
  void agentWithAMissingInterpreterIsNotInstalled() throws Exception {
    Path provider = Files.createDirectories(node.ocfRoot.resolve("resource.d/broken"));
    Path agent = provider.resolve("BadShebang");
    Files.writeString(agent, "#!/no/such/shell\nexit 0\n");
    agent.toFile().setExecutable(true);
    AgentResult result =
        node.agents
            .execute(ActionRequest.of("x", AgentId.parse("ocf:broken:BadShebang"), "start", 5000))
            .get(10, TimeUnit.SECONDS);
    assertEquals(OcfCode.NOT_INSTALLED, result.code(), result::toString);
    assertTrue(result.exitReason().contains("No such file or directory"), result::exitReason);
  }

  @Test
  void hangingAgentIsKilledAtItsTimeoutWithItsChildren() throws Exception {
    Path pids = node.pidFile("hang.pids");
    AgentResult result = misbehave("hang", pids, 1000);
    assertEquals(ExecStatus.TIMEOUT, result.status());
    assertEquals(OcfCode.ERROR, result.code());
    assertTrue(result.exitReason().contains("SIGKILL"), result::exitReason);
    assertEquals("hanging\n", result.stdout());
    List<Long> started = node.pids(pids);
    assertEquals(2, started.size());
    for (long pid : started) {
      assertFalse(node.running(pid), "process " + pid + " survived the timeout");
    }
    assertLogged("bad start of ocf:pacer:Misbehave", "Timed Out", "did not exit within 1000 ms");
  }

  @Test
  void agentThatForksAChildAndExitsIsDoneWhenItExits() throws Exception {
    Path pids = node.pidFile("fork.pids");
    AgentResult result = misbehave("fork", pids, 30_000);
    assertEquals(ExecStatus.DONE, result.status());
    assertEquals(OcfCode.OK, result.code());
    assertEquals("forked a child\n", result.stdout());
    // The child still holds the agent's output open, and is left alone.
    assertTrue(node.running(node.pids(pids).get(0)));
  }

  @Test
  void undefinedExitCodeIsAnErrorThatKeepsTheRawCode() throws Exception {
    AgentResult result = misbehave("exit:42", dir.resolve("p"), 5000);
    assertEquals(ExecStatus.DONE, result.status());
    assertEquals(OcfCode.ERROR, result.code());
    assertEquals(42, result.exitCode());
    assertEquals("asked to exit 42", result.exitReason());
    assertLogged("bad start of ocf:pacer:Misbehave", "undefined exit code 42");
  }

  @Test
  void degradedCodesAbove128AreNotMistakenForSignals() throws Exception {
    AgentResult result = misbehave("exit:190", dir.resolve("p"), 5000);
    assertEquals(ExecStatus.DONE, result.status());
    assertEquals(OcfCode.DEGRADED, result.code());
  }

  @Test
  void agentKilledByASignalIsAnExecutionError() throws Exception {
    AgentResult result = misbehave("signal:9", dir.resolve("p"), 5000);
    assertEquals(ExecStatus.ERROR, result.status());
    assertEquals(OcfCode.ERROR, result.code());
    assertEquals("agent killed by signal 9 (Killed)", result.exitReason());
    assertLogged("bad start of ocf:pacer:Misbehave", "Error", "signal 9 (Killed)");
  }

  @Test
  void tenMegabytesOfOutputAreBounded() throws Exception {
    AgentResult result = misbehave("flood", dir.resolve("p"), 30_000);
    assertEquals(OcfCode.OK, result.code());
    assertEquals("flooded", result.exitReason());
    assertTrue(result.stdout().length() < 200_000, () -> "kept " + result.stdout().length());
    assertTrue(result.stdout().contains("bytes of output omitted"));
  }

  @Test
  void stonithWithoutTheFencingDaemonIsNotConnected() throws Exception {
    AgentResult result =
        node.agents
            .execute(ActionRequest.of("f", AgentId.parse("stonith:fence_dummy"), "monitor", 5000))
            .get(10, TimeUnit.SECONDS);
    assertEquals(ExecStatus.NOT_CONNECTED, result.status());
  }

  @Test
  void systemdIsReportedUnsupportedWhereItIsNotRunning() throws Exception {
    AgentConfig noSystemd = node.config.withSystemd("systemctl", dir.resolve("no-systemd"));
    Agents agents = new Agents(noSystemd, node.runner, java.time.Clock.systemUTC(), null);
    AgentResult result =
        agents
            .execute(ActionRequest.of("u", AgentId.parse("systemd:foo"), "start", 5000))
            .get(10, TimeUnit.SECONDS);
    assertEquals(ExecStatus.NOT_SUPPORTED, result.status());
    assertTrue(result.exitReason().contains("systemd is not running"));
  }
}
