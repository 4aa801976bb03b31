package org.pacer.lrmd.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real systemd unit through the systemd and service classes. Runs only where systemd is the
 * running init and the test runs as root; skipped cleanly elsewhere.
 */
class SystemdAgentsIT {

  private static final Path RUNTIME_UNITS = Path.of("/run/systemd/system");
  private static final String UNIT = "pacer-lrmd-test-" + ProcessHandle.current().pid();

  @TempDir Path dir;
  private TestNode node;
  private Path unitFile;

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue(Files.isDirectory(RUNTIME_UNITS), "systemd is not running on this machine");
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root to add a unit");
    node = new TestNode(dir);
    unitFile = RUNTIME_UNITS.resolve(UNIT + ".service");
    Files.writeString(
        unitFile,
        "[Unit]\nDescription=Pacer lrmd test unit\n\n[Service]\nExecStart=/bin/sleep 3600\n");
    systemctl("daemon-reload");
  }

  @AfterEach
  void tearDown() throws Exception {
    if (unitFile != null) {
      systemctl("stop", UNIT + ".service");
      Files.deleteIfExists(unitFile);
      systemctl("daemon-reload");
    }
    if (node != null) {
      node.close();
    }
  }

  private static void systemctl(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("systemctl"));
    command.addAll(List.of(args));
    new ProcessBuilder(command).inheritIO().start().waitFor(60, TimeUnit.SECONDS);
  }

  private OcfCode run(String agentClass, String action) throws Exception {
    AgentResult result =
        node.agents
            .execute(ActionRequest.of("u", AgentId.parse(agentClass + ":" + UNIT), action, 30_000))
            .get(60, TimeUnit.SECONDS);
    assertEquals(ExecStatus.DONE, result.status(), result::toString);
    return result.code();
  }

  @Test
  void unitLifecycleWithTheCodesPacemakerRecords() throws Exception {
    assertEquals(OcfCode.NOT_RUNNING, run("systemd", "monitor"));
    assertEquals(OcfCode.OK, run("systemd", "start"));
    Path dropIn = RUNTIME_UNITS.resolve(UNIT + ".service.d/50-pacer.conf");
    assertTrue(Files.readString(dropIn).contains("Restart=no"));
    assertEquals(OcfCode.OK, run("systemd", "monitor"));
    assertEquals(OcfCode.OK, run("service", "monitor"));
    assertEquals(OcfCode.OK, run("systemd", "stop"));
    assertEquals(OcfCode.NOT_RUNNING, run("systemd", "monitor"));
    assertFalse(Files.exists(dropIn), "the drop-in outlived the stop");
    assertEquals(OcfCode.OK, run("systemd", "stop"));
  }
}
