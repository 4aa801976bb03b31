package org.pacer.lrmd.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.pacer.lrmd.metadata.LsbHeader;
import org.pacer.lrmd.metadata.MetadataXml;
import org.pacer.lrmd.process.ProcessRunner;
import org.pacer.lrmd.process.ProcessSpec;

/** Runs init scripts: {@code /etc/init.d/<type> <action>}, monitor as {@code status}. */
final class LsbAgents implements AgentRunner {

  private final AgentConfig config;
  private final ProcessRunner runner;
  private final Clock clock;

  LsbAgents(AgentConfig config, ProcessRunner runner, Clock clock) {
    this.config = config;
    this.runner = runner;
    this.clock = clock;
  }

  Path scriptPath(String type) {
    return config.initDir().resolve(type);
  }

  @Override
  public CompletableFuture<AgentResult> execute(ActionRequest request) {
    Path script = scriptPath(request.agent().type());
    Optional<AgentResult> problem = ScriptFiles.problem(script, clock.instant());
    if (problem.isPresent()) {
      return CompletableFuture.completedFuture(problem.get());
    }
    if ("meta-data".equals(request.action())) {
      return CompletableFuture.completedFuture(metadata(request, script));
    }
    String action = "monitor".equals(request.action()) ? "status" : request.action();
    ProcessSpec spec =
        new ProcessSpec(
            List.of(script.toString(), action),
            OcfEnvironment.base(config),
            null,
            null,
            Duration.ofMillis(request.timeoutMs()),
            config.killGrace(),
            config.captureLimit());
    return runner.run(spec).thenApply(outcome -> AgentOutcomes.lsb(request, script, outcome));
  }

  private AgentResult metadata(ActionRequest request, Path script) {
    try {
      String text = Files.readString(script, StandardCharsets.ISO_8859_1);
      String xml = MetadataXml.write(LsbHeader.metadata(request.agent().type(), text));
      return new AgentResult(
          OcfCode.OK, 0, ExecStatus.DONE, "", xml, "", clock.instant(), Duration.ZERO);
    } catch (IOException e) {
      return AgentResult.immediate(
          OcfCode.ERROR,
          ExecStatus.ERROR,
          "cannot read " + script + ": " + e.getMessage(),
          clock.instant());
    }
  }
}
