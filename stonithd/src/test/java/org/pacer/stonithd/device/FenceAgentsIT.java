package org.pacer.stonithd.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.cib.document.CibDocument;
import org.pacer.lrmd.process.ProcessRunner;
import org.pacer.stonithd.TestCibs;
import org.pacer.stonithd.agent.AgentLocator;
import org.pacer.stonithd.agent.AgentMetadata;
import org.pacer.stonithd.agent.AgentResult;
import org.pacer.stonithd.agent.FenceAgentRunner;
import org.pacer.stonithd.config.CibFencingReader;
import org.pacer.stonithd.config.FenceAction;

/**
 * Real fence agents through the runner and the local devices: Debian's fence_dummy with each host
 * check, and Pacer's test agents for the cases fence_dummy cannot show (a list action, failures,
 * hangs, junk output).
 */
class FenceAgentsIT {

  static final Path DEBIAN = Path.of("/usr/sbin");
  static final Path PACER_AGENTS = Path.of("..", "agents", "fence").toAbsolutePath().normalize();

  @TempDir Path dir;
  ProcessRunner processes;
  ScheduledExecutorService timers;
  LocalDevices devices;
  FenceAgentRunner runner;

  @BeforeEach
  void setUp() {
    processes = ProcessRunner.system(Clock.systemUTC());
    timers = Executors.newSingleThreadScheduledExecutor();
    runner = new FenceAgentRunner(processes, new AgentLocator(List.of(DEBIAN, PACER_AGENTS, dir)));
    devices = new LocalDevices("node3", runner, timers, Clock.systemUTC(), new Random(1));
  }

  @AfterEach
  void tearDown() {
    processes.close();
    timers.shutdownNow();
  }

  static String primitive(String id, String agent, String... params) {
    return TestCibs.primitive(id, agent, params);
  }

  void configure(String primitives) {
    configure(primitives, "");
  }

  void configure(String primitives, String constraints) {
    String cib = TestCibs.cib("", "", primitives, constraints, "");
    devices.configure(CibFencingReader.read(CibDocument.parse(cib, "test")));
  }

  static void assumeFenceDummy() {
    assumeTrue(Files.isExecutable(DEBIAN.resolve("fence_dummy")), "fence-agents is not installed");
  }

  LocalDevices.Capability can(String device, String target) {
    return devices.capability(devices.config().device(device).orElseThrow(), target).join();
  }

  @Test
  void fenceDummyMetadataDecidesTheNames() {
    assumeFenceDummy();
    AgentMetadata m = runner.metadata("fence_dummy").join();
    assertTrue(m.supports("reboot") && m.supports("status"));
    assertFalse(m.supports("list"), "fence_dummy has no list action");
    assertFalse(m.parameters().contains("port") || m.parameters().contains("plug"));
  }

  @Test
  void fenceDummyFencesWithEveryHostCheckItSupports() {
    assumeFenceDummy();
    String status = dir.resolve("dummy.status").toString();
    configure(
        primitive("static", "fence_dummy", "status_file", status, "pcmk_host_list", "node1 node2")
            + primitive("bystatus", "fence_dummy", "status_file", status)
            + primitive("none", "fence_dummy", "status_file", status, "pcmk_host_check", "none")
            + primitive(
                "dynamic",
                "fence_dummy",
                "status_file",
                status,
                "pcmk_host_check",
                "dynamic-list"));
    assertTrue(can("static", "node1").can());
    LocalDevices.Capability notListed = can("static", "node9");
    assertFalse(notListed.can());
    assertTrue(notListed.reason().contains("not in pcmk_host_list"), notListed.reason());
    // No host list and no list action: the default is the status action, which fence_dummy has.
    assertTrue(can("bystatus", "node1").can(), can("bystatus", "node1").reason());
    assertTrue(can("none", "anything").can());
    LocalDevices.Capability dynamic = can("dynamic", "node1");
    assertFalse(dynamic.can());
    assertTrue(dynamic.reason().contains("does not implement the 'list' action"), dynamic.reason());

    for (String device : List.of("static", "bystatus", "none")) {
      DeviceOutcome o = devices.execute(device, FenceAction.REBOOT, "node1", Duration.ZERO).join();
      assertTrue(o.ok(), device + ": " + o.reason());
      assertEquals(1, o.attempts());
    }
    DeviceOutcome off = devices.execute("none", FenceAction.OFF, "node1", Duration.ZERO).join();
    assertTrue(off.ok(), off.reason());
  }

  @Test
  void stdinCarriesActionTargetAndDeviceParameters() throws IOException {
    Path record = dir.resolve("record.txt");
    configure(
        primitive(
            "rec",
            "fence_pacer_record",
            "record_file",
            record.toString(),
            "pcmk_host_map",
            "node1:outlet7;node2:outlet8",
            "pcmk_reboot_action",
            "off",
            "secret",
            "s3cr3t"));
    DeviceOutcome o = devices.execute("rec", FenceAction.REBOOT, "node1", Duration.ZERO).join();
    assertTrue(o.ok(), o.reason());
    String line = Files.readAllLines(record).get(0);
    assertTrue(line.contains(" action=off "), line);
    assertTrue(line.contains(" port=outlet7 "), line);
    assertTrue(line.contains(" nodename=node1 "), line);
    assertTrue(line.contains(" secret=s3cr3t"), line);
    assertFalse(
        line.contains("pcmk_"), "pcmk_* parameters are stonithd's, not the agent's: " + line);
  }

  @Test
  void dynamicListUsesTheAgentsList() {
    Path record = dir.resolve("record.txt");
    configure(
        primitive(
                "rec",
                "fence_pacer_record",
                "record_file",
                record.toString(),
                "hosts",
                "node1,node2")
            + primitive(
                "junk", "fence_pacer_record", "record_file", record.toString(), "junk", "list"));
    assertTrue(can("rec", "node2").can());
    LocalDevices.Capability no = can("rec", "node7");
    assertFalse(no.can());
    assertTrue(no.reason().contains("not in the agent's list"), no.reason());
    LocalDevices.Capability junk = can("junk", "node1");
    assertFalse(junk.can());
    assertTrue(junk.reason().contains("not understood"), junk.reason());
  }

  @Test
  void failuresAreRetriedAndHangsAreKilled() throws IOException {
    Path record = dir.resolve("record.txt");
    configure(
        primitive(
                "failing",
                "fence_pacer_record",
                "record_file",
                record.toString(),
                "fail",
                "reboot",
                "pcmk_host_check",
                "none")
            + primitive(
                "hanging",
                "fence_pacer_record",
                "record_file",
                record.toString(),
                "hang",
                "reboot",
                "pcmk_host_check",
                "none",
                "pcmk_reboot_timeout",
                "1s"));
    DeviceOutcome failed =
        devices.execute("failing", FenceAction.REBOOT, "node1", Duration.ZERO).join();
    assertFalse(failed.ok());
    assertEquals(3, failed.attempts(), "pcmk_reboot_retries defaults to 2");
    assertTrue(failed.reason().contains("exit code 1"), failed.reason());
    assertTrue(failed.reason().contains("failed as configured"), failed.reason());

    DeviceOutcome hung =
        devices.execute("hanging", FenceAction.REBOOT, "node1", Duration.ZERO).join();
    assertFalse(hung.ok());
    assertTrue(hung.reason().contains("timed out after"), hung.reason());
    assertEquals(1, hung.attempts(), "no retry once the timeout is used up");
  }

  @Test
  void brokenAndMissingAgentsGiveClearReasons() throws IOException {
    Path broken = dir.resolve("fence_broken");
    Files.writeString(broken, "#!/bin/sh\necho 'this is not xml'\n");
    Files.setPosixFilePermissions(broken, PosixFilePermissions.fromString("rwxr-xr-x"));
    configure(
        primitive("broken", "fence_broken", "pcmk_host_check", "none")
            + primitive("missing", "fence_nowhere", "pcmk_host_check", "none")
            + primitive("bad", "fence_pacer_record", "pcmk_host_check", "sometimes"));
    DeviceOutcome b = devices.execute("broken", FenceAction.REBOOT, "node1", Duration.ZERO).join();
    assertFalse(b.ok());
    assertTrue(b.reason().contains("meta-data of fence_broken is not XML"), b.reason());
    DeviceOutcome m = devices.execute("missing", FenceAction.REBOOT, "node1", Duration.ZERO).join();
    assertFalse(m.ok());
    assertTrue(m.reason().contains("fence agent fence_nowhere not found"), m.reason());
    DeviceOutcome bad = devices.execute("bad", FenceAction.REBOOT, "node1", Duration.ZERO).join();
    assertFalse(bad.ok());
    assertTrue(bad.reason().contains("pcmk_host_check='sometimes'"), bad.reason());
    DeviceOutcome none =
        devices.execute("nonexistent", FenceAction.REBOOT, "node1", Duration.ZERO).join();
    assertTrue(none.reason().contains("does not exist"), none.reason());
  }

  @Test
  void aDeviceBannedFromThisNodeIsNotUsedHere() {
    Path record = dir.resolve("record.txt");
    configure(
        primitive(
            "rec",
            "fence_pacer_record",
            "record_file",
            record.toString(),
            "pcmk_host_check",
            "none"),
        "<rsc_location id=\"ban\" rsc=\"rec\" node=\"node3\" score=\"-INFINITY\"/>");
    LocalDevices.Capability c = can("rec", "node1");
    assertFalse(c.can());
    assertTrue(c.reason().contains("location constraint forbids it on node3"), c.reason());
    DeviceOutcome o = devices.execute("rec", FenceAction.REBOOT, "node1", Duration.ZERO).join();
    assertFalse(o.ok());
    assertFalse(Files.exists(record), "the agent must not run on a node the device is banned from");
  }

  @Test
  void queryActionsForTheShell() {
    assumeFenceDummy();
    configure(primitive("d", "fence_dummy", "status_file", dir.resolve("s").toString()));
    AgentResult list = devices.query("d", FenceAction.LIST, Optional.empty()).join();
    assertEquals(AgentResult.Outcome.NOT_RUN, list.outcome());
    assertTrue(list.reason().contains("does not implement the 'list' action"), list.reason());
    AgentResult monitor = devices.query("d", FenceAction.MONITOR, Optional.empty()).join();
    assertTrue(monitor.ok(), monitor.reason());
  }
}
