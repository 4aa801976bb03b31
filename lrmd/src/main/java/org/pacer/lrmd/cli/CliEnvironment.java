package org.pacer.lrmd.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.pacer.lrmd.agent.AgentConfig;
import org.pacer.lrmd.agent.Agents;
import org.pacer.lrmd.catalog.AgentCatalog;
import org.pacer.lrmd.process.ProcessRunner;
import org.pacer.messaging.paths.NodePaths;

/**
 * What the executor's commands need from where they run: the process environment (OCF_ROOT,
 * PACER_ROOT, PACER_HELPER_DIR, CIB_file), the node's name and where fence agents are. Tests build
 * their own instead of the real one.
 *
 * @param environment the process environment
 * @param nodeName this node
 * @param initDir where init scripts are
 * @param fenceAgentDir where fence agents are
 */
public record CliEnvironment(
    Map<String, String> environment, String nodeName, Path initDir, Path fenceAgentDir) {

  public CliEnvironment {
    environment = Map.copyOf(environment);
  }

  /** The same, with more variables in the environment agents get. */
  public CliEnvironment with(Map<String, String> more) {
    Map<String, String> all = new java.util.HashMap<>(environment);
    all.putAll(more);
    return new CliEnvironment(all, nodeName, initDir, fenceAgentDir);
  }

  public static CliEnvironment system() {
    return new CliEnvironment(
        System.getenv(), localNodeName(), Path.of("/etc/init.d"), Path.of("/usr/sbin"));
  }

  /** The node name: PACER_NODE, else the kernel's host name. */
  static String localNodeName() {
    String fromEnv = System.getenv("PACER_NODE");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    } catch (IOException e) {
      return "localhost";
    }
  }

  public AgentConfig agentConfig() {
    NodePaths paths = NodePaths.resolve(null, environment);
    return AgentConfig.forNode(paths, nodeName, environment)
        .withInitDir(initDir)
        .withServiceName("crm");
  }

  /** The agent machinery for one command; close it when the command is done. */
  public Tools tools() {
    ProcessRunner runner = ProcessRunner.system(Clock.systemUTC());
    Agents agents = new Agents(agentConfig(), runner, Clock.systemUTC(), null);
    return new Tools(runner, agents, new AgentCatalog(agents, runner, fenceAgentDir));
  }

  /** A runner, the agents and their catalog, released together. */
  public record Tools(ProcessRunner runner, Agents agents, AgentCatalog catalog)
      implements AutoCloseable {
    @Override
    public void close() {
      runner.close();
    }
  }
}
