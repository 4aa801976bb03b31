package org.pacer.lrmd.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.pacer.lrmd.process.ProcessRunner;
import org.pacer.lrmd.process.ProcessSpec;

/** Runs OCF agents: {@code OCF_ROOT/resource.d/<provider>/<type> <action>}. */
final class OcfAgents implements AgentRunner {

  private final AgentConfig config;
  private final ProcessRunner runner;
  private final Clock clock;

  OcfAgents(AgentConfig config, ProcessRunner runner, Clock clock) {
    this.config = config;
    this.runner = runner;
    this.clock = clock;
  }

  @Override
  public CompletableFuture<AgentResult> execute(ActionRequest request) {
    Path agent = config.ocfAgentPath(request.agent().provider(), request.agent().type());
    Optional<AgentResult> problem = ScriptFiles.problem(agent, clock.instant());
    if (problem.isPresent()) {
      return CompletableFuture.completedFuture(problem.get());
    }
    Optional<AgentResult> noStateDir = prepareStateDirectories();
    if (noStateDir.isPresent()) {
      return CompletableFuture.completedFuture(noStateDir.get());
    }
    ProcessSpec spec =
        new ProcessSpec(
            List.of(agent.toString(), request.action()),
            OcfEnvironment.build(config, request),
            null,
            null,
            Duration.ofMillis(request.timeoutMs()),
            config.killGrace(),
            config.captureLimit());
    return runner.run(spec).thenApply(outcome -> AgentOutcomes.ocf(request, agent, outcome));
  }

  /** HA_RSCTMP and HA_VARRUN must exist: agents write their state there without checking. */
  private Optional<AgentResult> prepareStateDirectories() {
    for (Path dir : new Path[] {config.agentStateDir(), config.varRunDir()}) {
      if (dir == null || Files.isDirectory(dir)) {
        continue;
      }
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        return Optional.of(
            AgentResult.immediate(
                OcfCode.ERROR,
                ExecStatus.ERROR,
                "cannot create agent state directory " + dir + ": " + e.getMessage(),
                clock.instant()));
      }
    }
    return Optional.empty();
  }
}
