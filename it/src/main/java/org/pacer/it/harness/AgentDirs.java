package org.pacer.it.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

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
    String configured = System.getProperty("pacer.repo");
    if (configured != null) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("agents/ocf")) && Files.isRegularFile(p.resolve("pom.xml"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "cannot find the repository (agents/ocf) above " + Path.of("").toAbsolutePath());
  }

  static AgentDirs create(Path clusterDir) throws IOException {
    Path repo = repo();
    Path ocf = clusterDir.resolve("ocf");
    Path providers = Files.createDirectories(ocf.resolve("resource.d"));
    Path system = Path.of("/usr/lib/ocf");
    if (Files.isDirectory(system.resolve("lib"))) {
      Files.createSymbolicLink(ocf.resolve("lib"), system.resolve("lib"));
    }
    try (var list = Files.list(system.resolve("resource.d"))) {
      for (Path provider : list.toList()) {
        if (provider.getFileName().toString().equals("pacer")) {
          continue; // An installed copy of Pacer's agents: this checkout's own win.
        }
        Files.createSymbolicLink(providers.resolve(provider.getFileName()), provider);
      }
    } catch (java.nio.file.NoSuchFileException e) {
      // No resource-agents on this machine: only Pacer's own agents exist.
    }
    Files.createSymbolicLink(providers.resolve("pacer"), repo.resolve("agents/ocf"));
    return new AgentDirs(ocf, repo.resolve("agents/fence"), repo.resolve("crmd/target/bin"));
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
