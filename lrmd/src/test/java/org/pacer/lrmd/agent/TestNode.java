package org.pacer.lrmd.agent;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pacer.lrmd.process.ProcessGroups;
import org.pacer.lrmd.process.ProcessRunner;
import org.pacer.messaging.paths.NodePaths;

/**
 * A node for agent tests under a temporary root: an OCF root that holds the system's
 * resource-agents and pacemaker agents (by symbolic link) next to Pacer's own test agents (provider
 * {@code pacer}), an init directory with Pacer's LSB test script, and a helper directory whose
 * {@code crm_attribute} records how agents called it.
 */
public final class TestNode implements AutoCloseable {

  public static final Path SYSTEM_OCF = Path.of("/usr/lib/ocf");
  public static final Path PACER_AGENTS = Path.of("..", "agents").toAbsolutePath().normalize();

  public final Path root;
  public final Path ocfRoot;
  public final Path initDir;
  public final Path helperDir;
  public final Path calls;
  public final AgentConfig config;
  public final ProcessRunner runner;
  public final Agents agents;
  private final List<Path> pidFiles = new ArrayList<>();

  /** Skips the calling test when resource-agents and pacemaker are not installed. */
  public static void assumeAgentsInstalled() {
    assumeTrue(
        Files.isExecutable(SYSTEM_OCF.resolve("resource.d/heartbeat/Dummy"))
            && Files.isExecutable(SYSTEM_OCF.resolve("resource.d/pacemaker/Stateful")),
        "resource-agents and pacemaker are not installed (apt-get install resource-agents"
            + " pacemaker)");
  }

  public TestNode(Path root) throws IOException {
    this.root = root;
    ocfRoot = root.resolve("ocf");
    Files.createDirectories(ocfRoot.resolve("resource.d"));
    Files.createSymbolicLink(ocfRoot.resolve("lib"), SYSTEM_OCF.resolve("lib"));
    for (String provider : List.of("heartbeat", "pacemaker")) {
      Files.createSymbolicLink(
          ocfRoot.resolve("resource.d").resolve(provider),
          SYSTEM_OCF.resolve("resource.d").resolve(provider));
    }
    Files.createSymbolicLink(ocfRoot.resolve("resource.d/pacer"), PACER_AGENTS.resolve("ocf"));
    initDir = Files.createDirectories(root.resolve("etc/init.d"));
    Files.createSymbolicLink(
        initDir.resolve("pacer-test-service"), PACER_AGENTS.resolve("lsb/pacer-test-service"));
    helperDir = Files.createDirectories(root.resolve("helpers"));
    calls = root.resolve("helper-calls");
    Path crmAttribute = helperDir.resolve("crm_attribute");
    Files.writeString(crmAttribute, "#!/bin/sh\necho \"crm_attribute $*\" >> " + calls + "\n");
    Files.setPosixFilePermissions(crmAttribute, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("PACER_TEST_STATE_DIR", root.resolve("run/pacer-test-service").toString());
    config =
        AgentConfig.forNode(new NodePaths(root), "node1", env)
            .withOcfRoot(ocfRoot)
            .withInitDir(initDir)
            .withHelperDir(helperDir)
            .withKillGrace(Duration.ofMillis(500));
    runner = ProcessRunner.system(Clock.systemUTC());
    agents = new Agents(config, runner, Clock.systemUTC(), null);
  }

  /** Remembers a file of pids that {@link #close()} kills, whatever a test's outcome. */
  public Path pidFile(String name) {
    Path file = root.resolve(name);
    pidFiles.add(file);
    return file;
  }

  public List<Long> pids(Path file) throws IOException {
    List<Long> pids = new ArrayList<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file)) {
        if (!line.isBlank()) {
          pids.add(Long.parseLong(line.trim()));
        }
      }
    }
    return pids;
  }

  public boolean running(long pid) {
    return ProcessGroups.system().running(pid);
  }

  @Override
  public void close() throws IOException {
    for (Path file : pidFiles) {
      for (long pid : pids(file)) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
    runner.close();
  }
}
