package org.pacer.it.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pacer.cli.demo.Checkout;

/**
 * Where a test cluster's nodes find their agents: an OCF root that holds the system's providers
 * (heartbeat, pacemaker: the real resource-agents) plus Pacer's own test agents as provider {@code
 * pacer}, a directory of Pacer's test fence agents, and the helper commands (crm_master and
 * friends) that crmd's build makes. Nothing is installed on the machine: every node is pointed here
 * through its environment.
 */
final class AgentDirs {

  /** Environment variable the {@link ItStonithd} wrapper reads its extra agent directories from. */
  static final String FENCE_DIRS_ENV = "PACER_IT_FENCE_DIRS";

  private final Path ocfRoot;
  private final Path fenceDir;
  private final Path helperDir;

  private AgentDirs(Path ocfRoot, Path fenceDir, Path helperDir) {
    this.ocfRoot = ocfRoot;
    this.fenceDir = fenceDir;
    this.helperDir = helperDir;
  }

  /** The repository's root: {@code -Dpacer.repo}, else the nearest parent holding agents/. */
  static Path repo() {
    return Checkout.repo();
  }

  static AgentDirs create(Path clusterDir) throws IOException {
    Path repo = repo();
    return new AgentDirs(
        Checkout.ocfRoot(repo, clusterDir),
        repo.resolve("agents/fence"),
        repo.resolve("crmd/target/bin"));
  }

  Path ocfRoot() {
    return ocfRoot;
  }

  Path fenceDir() {
    return fenceDir;
  }

  /** What every process of a node needs in its environment to find these agents. */
  Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OCF_ROOT", ocfRoot.toString());
    env.put(FENCE_DIRS_ENV, fenceDir.toString());
    if (Files.isExecutable(helperDir.resolve("crm_master"))) {
      env.put("PACER_HELPER_DIR", helperDir.toString());
    }
    return env;
  }
}
