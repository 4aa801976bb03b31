package org.pacer.lrmd.agent;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.pacer.lrmd.metadata.ActionSpec;
import org.pacer.lrmd.metadata.AgentMetadata;
import org.pacer.lrmd.metadata.MetadataXml;
import org.pacer.lrmd.process.ExitStatus;
import org.pacer.lrmd.process.ProcessOutcome;
import org.pacer.lrmd.process.ProcessRunner;
import org.pacer.lrmd.process.ProcessSpec;

/**
 * Runs systemd units through systemctl. start and stop wait for their job, then, as Pacemaker does,
 * for the unit to settle (leave activating/deactivating) before the result is decided; monitor also
 * waits out a transition. All of it within the operation's timeout.
 */
final class SystemdAgents implements AgentRunner {

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(SystemdAgents.class);

  private static final Duration SETTLE_POLL = Duration.ofMillis(500);

  private final AgentConfig config;
  private final ProcessRunner runner;
  private final Clock clock;

  SystemdAgents(AgentConfig config, ProcessRunner runner, Clock clock) {
    this.config = config;
    this.runner = runner;
    this.clock = clock;
  }

  /** systemd is the running init (the test sd_booted makes). */
  boolean running() {
    return config.systemdRunDir() != null && Files.isDirectory(config.systemdRunDir());
  }

  @Override
  public CompletableFuture<AgentResult> execute(ActionRequest request) {
    Instant startedAt = clock.instant();
    if (!running()) {
      return CompletableFuture.completedFuture(
          AgentResult.immediate(
              OcfCode.ERROR,
              ExecStatus.NOT_SUPPORTED,
              "systemd is not running on this node (" + config.systemdRunDir() + " is missing)",
              startedAt));
    }
    String unit = SystemdUnits.unitName(request.agent().type());
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(request.timeoutMs());
    return switch (request.action()) {
      case "meta-data" -> show(unit, deadline).thenApply(s -> metadata(request, s, startedAt));
      case "start" ->
          prepareStart(unit, deadline)
              .thenCompose(x -> systemctl(deadline, "start", unit))
              .thenCompose(job -> settle(request, unit, deadline, startedAt));
      case "stop" ->
          systemctl(deadline, "stop", unit)
              .thenCompose(job -> settle(request, unit, deadline, startedAt))
              .thenCompose(result -> afterStop(unit, deadline, result));
      case "monitor", "status" -> settle(request, unit, deadline, startedAt);
      default ->
          CompletableFuture.completedFuture(
              AgentResult.immediate(
                  OcfCode.UNIMPLEMENTED,
                  ExecStatus.DONE,
                  "systemd units have no " + request.action() + " action",
                  startedAt));
    };
  }

  private CompletableFuture<AgentResult> settle(
      ActionRequest request, String unit, long deadline, Instant startedAt) {
    return show(unit, deadline)
        .thenCompose(
            state -> {
              if (state == null) {
                return CompletableFuture.completedFuture(timeout(request, unit, startedAt));
              }
              if (state.transitional()) {
                if (System.nanoTime() + SETTLE_POLL.toNanos() >= deadline) {
                  return CompletableFuture.completedFuture(timeout(request, unit, startedAt));
                }
                Executor later =
                    CompletableFuture.delayedExecutor(
                        SETTLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
                return CompletableFuture.supplyAsync(() -> null, later)
                    .thenCompose(x -> settle(request, unit, deadline, startedAt));
              }
              SystemdUnits.Verdict verdict = SystemdUnits.verdict(request.action(), unit, state);
              return CompletableFuture.completedFuture(
                  new AgentResult(
                      verdict.code(),
                      -1,
                      verdict.status(),
                      verdict.reason(),
                      state.describe() + "\n",
                      "",
                      startedAt,
                      Duration.between(startedAt, clock.instant())));
            });
  }

  /** Writes the cluster drop-in and reloads systemd, so the start sees it. */
  private CompletableFuture<?> prepareStart(String unit, long deadline) {
    java.nio.file.Path file = SystemdUnits.dropInFile(config.systemdRunDir(), unit);
    try {
      String content = SystemdUnits.dropIn(unit);
      if (Files.exists(file) && Files.readString(file).equals(content)) {
        return CompletableFuture.completedFuture(null);
      }
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (java.io.IOException e) {
      log.warn(
          "cannot write {} (the unit may be restarted by systemd itself): {}",
          file,
          e.getMessage());
      return CompletableFuture.completedFuture(null);
    }
    return systemctl(deadline, "daemon-reload");
  }

  /** Removes the drop-in once the unit is stopped, and answers with the stop's result. */
  private CompletableFuture<AgentResult> afterStop(String unit, long deadline, AgentResult result) {
    java.nio.file.Path file = SystemdUnits.dropInFile(config.systemdRunDir(), unit);
    if (result.code() != OcfCode.OK || !Files.exists(file)) {
      return CompletableFuture.completedFuture(result);
    }
    try {
      Files.delete(file);
      try {
        Files.deleteIfExists(file.getParent());
      } catch (java.nio.file.DirectoryNotEmptyException othersDropIns) {
        // The administrator's own drop-ins stay, and so does their directory.
      }
    } catch (java.io.IOException e) {
      log.warn("cannot remove {}: {}", file, e.getMessage());
      return CompletableFuture.completedFuture(result);
    }
    return systemctl(deadline, "daemon-reload").thenApply(x -> result);
  }

  /** The unit's state, or null when the deadline passed first. */
  private CompletableFuture<SystemdUnits.UnitState> show(String unit, long deadline) {
    return systemctl(
            deadline, "show", "--property=LoadState,ActiveState,SubState,Description", unit)
        .thenApply(
            outcome ->
                outcome == null || !(outcome.status() instanceof ExitStatus.Exited)
                    ? null
                    : SystemdUnits.UnitState.parse(outcome.stdout().text()));
  }

  /** Runs systemctl with what is left of the deadline; null when nothing is left. */
  private CompletableFuture<ProcessOutcome> systemctl(long deadline, String... args) {
    long remaining = deadline - System.nanoTime();
    if (remaining <= 0) {
      return CompletableFuture.completedFuture(null);
    }
    List<String> command = new java.util.ArrayList<>();
    command.add(config.systemctl());
    command.add("--no-ask-password");
    command.addAll(List.of(args));
    return runner.run(
        new ProcessSpec(
            command,
            OcfEnvironment.base(config),
            null,
            null,
            Duration.ofNanos(remaining),
            config.killGrace(),
            config.captureLimit()));
  }

  private AgentResult timeout(ActionRequest request, String unit, Instant startedAt) {
    return new AgentResult(
        OcfCode.ERROR,
        -1,
        ExecStatus.TIMEOUT,
        "unit " + unit + " did not settle within " + request.timeoutMs() + " ms",
        "",
        "",
        startedAt,
        Duration.between(startedAt, clock.instant()));
  }

  private AgentResult metadata(
      ActionRequest request, SystemdUnits.UnitState state, Instant startedAt) {
    if (state == null) {
      return timeout(request, request.agent().type(), startedAt);
    }
    LinkedHashMap<String, String> timeout = new LinkedHashMap<>();
    timeout.put("timeout", "100s");
    LinkedHashMap<String, String> monitor = new LinkedHashMap<>(timeout);
    monitor.put("interval", "60s");
    AgentMetadata metadata =
        new AgentMetadata(
            request.agent().type(),
            "1.0",
            "1.1",
            state.description(),
            "systemd unit file for " + request.agent().type(),
            List.of(),
            List.of(
                new ActionSpec("start", timeout),
                new ActionSpec("stop", timeout),
                new ActionSpec("status", timeout),
                new ActionSpec("monitor", monitor),
                new ActionSpec("meta-data", timeout)));
    return new AgentResult(
        OcfCode.OK,
        0,
        ExecStatus.DONE,
        "",
        MetadataXml.write(metadata),
        "",
        startedAt,
        Duration.between(startedAt, clock.instant()));
  }
}
