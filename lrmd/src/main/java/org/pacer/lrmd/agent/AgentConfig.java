package org.pacer.lrmd.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.pacer.lrmd.process.ProcessSpec;
import org.pacer.messaging.paths.NodePaths;

/**
 * Where agents live and what every agent run gets, for one node.
 *
 * @param ocfRoot {@code OCF_ROOT}: agents are under {@code resource.d/<provider>/<type>}
 * @param initDir where LSB init scripts are
 * @param helperDir Pacer's Pacemaker-compatible commands (crm_attribute, attrd_updater, crm_node,
 *     ...): agents find them through {@code HA_SBIN_DIR} and first on {@code PATH}
 * @param agentStateDir {@code HA_RSCTMP}, or null to leave the agents' default
 *     (/run/resource-agents); set under the node's root when that is not {@code /} so several nodes
 *     on one machine keep separate agent state
 * @param varRunDir {@code HA_VARRUN}, or null for the agents' default (/var/run); set with
 *     agentStateDir for the same reason (ocf:pacemaker:Stateful keeps its state there)
 * @param nodeName this node ({@code OCF_RESKEY_CRM_meta_on_node})
 * @param nodeUuid this node's cluster id ({@code OCF_RESKEY_CRM_meta_on_node_uuid})
 * @param baseEnvironment inherited by every agent, under the variables set for it
 * @param featureSet reported to agents as {@code OCF_RESKEY_crm_feature_set}
 * @param serviceName who runs the agent ({@code PCMK_service}), for agents' logs
 * @param killGrace between SIGTERM and SIGKILL when an agent times out
 * @param captureLimit bytes kept from each end of each output stream
 * @param systemctl the systemctl command
 * @param systemdRunDir exists when systemd is the running init (sd_booted's test)
 */
public record AgentConfig(
    Path ocfRoot,
    Path initDir,
    Path helperDir,
    Path agentStateDir,
    Path varRunDir,
    String nodeName,
    String nodeUuid,
    Map<String, String> baseEnvironment,
    String featureSet,
    String serviceName,
    Duration killGrace,
    int captureLimit,
    String systemctl,
    Path systemdRunDir) {

  public static final Path DEFAULT_OCF_ROOT = Path.of("/usr/lib/ocf");
  public static final Path DEFAULT_HELPER_DIR = Path.of("/usr/lib/pacer/bin");
  public static final String HELPER_DIR_ENV = "PACER_HELPER_DIR";
  public static final String FEATURE_SET = "3.16.2";

  public AgentConfig {
    Objects.requireNonNull(ocfRoot, "ocfRoot");
    Objects.requireNonNull(initDir, "initDir");
    Objects.requireNonNull(helperDir, "helperDir");
    Objects.requireNonNull(nodeName, "nodeName");
    nodeUuid = nodeUuid == null ? nodeName : nodeUuid;
    baseEnvironment = Map.copyOf(baseEnvironment);
    Objects.requireNonNull(killGrace, "killGrace");
  }

  /**
   * The configuration of a node: OCF_ROOT and the helper directory from the environment when set
   * there ({@code OCF_ROOT}, {@code PACER_HELPER_DIR}), agent state under the node's root when that
   * is not {@code /}.
   */
  public static AgentConfig forNode(
      NodePaths paths, String nodeName, Map<String, String> environment) {
    Path ocfRoot = pathFrom(environment.get("OCF_ROOT"), DEFAULT_OCF_ROOT);
    Path helperDir = pathFrom(environment.get(HELPER_DIR_ENV), DEFAULT_HELPER_DIR);
    Path stateDir = null;
    Path varRun = null;
    if (!paths.isSystemRoot()) {
      stateDir = paths.root().resolve("run/resource-agents");
      varRun = paths.root().resolve("var/run");
    }
    return new AgentConfig(
        ocfRoot,
        Path.of("/etc/init.d"),
        helperDir,
        stateDir,
        varRun,
        nodeName,
        nodeName,
        environment,
        FEATURE_SET,
        "pacer-lrmd",
        ProcessSpec.DEFAULT_KILL_GRACE,
        ProcessSpec.DEFAULT_CAPTURE_LIMIT,
        "systemctl",
        Path.of("/run/systemd/system"));
  }

  private static Path pathFrom(String value, Path fallback) {
    return value == null || value.isBlank() ? fallback : Path.of(value);
  }

  public AgentConfig withOcfRoot(Path root) {
    return edit(b -> b.ocfRoot = root);
  }

  public AgentConfig withInitDir(Path dir) {
    return edit(b -> b.initDir = dir);
  }

  public AgentConfig withHelperDir(Path dir) {
    return edit(b -> b.helperDir = dir);
  }

  public AgentConfig withKillGrace(Duration grace) {
    return edit(b -> b.killGrace = grace);
  }

  public AgentConfig withServiceName(String name) {
    return edit(b -> b.serviceName = name);
  }

  public AgentConfig withSystemd(String command, Path runDir) {
    return edit(
        b -> {
          b.systemctl = command;
          b.systemdRunDir = runDir;
        });
  }

  /** A copy with the changes {@code change} makes to a mutable view of this configuration. */
  private AgentConfig edit(Consumer<Draft> change) {
    Draft d = new Draft(this);
    change.accept(d);
    return d.build();
  }

  /** The fields of a configuration being copied with changes: the withers set only theirs. */
  private static final class Draft {
    Path ocfRoot;
    Path initDir;
    Path helperDir;
    final Path agentStateDir;
    final Path varRunDir;
    final String nodeName;
    final String nodeUuid;
    final Map<String, String> baseEnvironment;
    final String featureSet;
    String serviceName;
    Duration killGrace;
    final int captureLimit;
    String systemctl;
    Path systemdRunDir;

    Draft(AgentConfig c) {
      ocfRoot = c.ocfRoot;
      initDir = c.initDir;
      helperDir = c.helperDir;
      agentStateDir = c.agentStateDir;
      varRunDir = c.varRunDir;
      nodeName = c.nodeName;
      nodeUuid = c.nodeUuid;
      baseEnvironment = c.baseEnvironment;
      featureSet = c.featureSet;
      serviceName = c.serviceName;
      killGrace = c.killGrace;
      captureLimit = c.captureLimit;
      systemctl = c.systemctl;
      systemdRunDir = c.systemdRunDir;
    }

    AgentConfig build() {
      return new AgentConfig(
          ocfRoot,
          initDir,
          helperDir,
          agentStateDir,
          varRunDir,
          nodeName,
          nodeUuid,
          baseEnvironment,
          featureSet,
          serviceName,
          killGrace,
          captureLimit,
          systemctl,
          systemdRunDir);
    }
  }

  /** The file of an OCF agent. */
  public Path ocfAgentPath(String provider, String type) {
    return ocfRoot.resolve("resource.d").resolve(provider).resolve(type);
  }
}
