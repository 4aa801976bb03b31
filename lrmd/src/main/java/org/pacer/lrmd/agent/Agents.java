package org.pacer.lrmd.agent;

import java.nio.file.Files;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.pacer.lrmd.process.ProcessRunner;
import org.pacer.messaging.logging.LogContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an action with the agent class it names. The {@code service} class picks an init script when
 * there is one and a systemd unit otherwise, in Pacemaker's order; {@code stonith} goes to the
 * fencing daemon through {@code fencing}.
 */
public final class Agents implements AgentRunner {

  private static final Logger log = LoggerFactory.getLogger(Agents.class);

  private final AgentConfig config;
  private final Clock clock;
  private final OcfAgents ocf;
  private final LsbAgents lsb;
  private final SystemdAgents systemd;
  private final AgentRunner fencing;

  /**
   * @param fencing runs stonith-class actions (pacer-stonithd's client), or null when this process
   *     has no connection to it: such actions then fail as not connected
   */
  public Agents(AgentConfig config, ProcessRunner runner, Clock clock, AgentRunner fencing) {
    this.config = config;
    this.clock = clock;
    this.ocf = new OcfAgents(config, runner, clock);
    this.lsb = new LsbAgents(config, runner, clock);
    this.systemd = new SystemdAgents(config, runner, clock);
    this.fencing = fencing;
  }

  public AgentConfig config() {
    return config;
  }

  public boolean systemdRunning() {
    return systemd.running();
  }

  @Override
  public CompletableFuture<AgentResult> execute(ActionRequest request) {
    CompletableFuture<AgentResult> result;
    try {
      result = dispatch(request);
    } catch (RuntimeException e) {
      log.error(
          "{} {} of {}: internal error",
          request.resourceId(),
          request.action(),
          request.agent(),
          e);
      result =
          CompletableFuture.completedFuture(
              AgentResult.immediate(
                  OcfCode.ERROR, ExecStatus.ERROR, "internal error: " + e, clock.instant()));
    }
    return result.thenApply(
        r -> {
          // Completions arrive on the process runner's threads: give them the node and the op.
          try (LogContext ignored =
              LogContext.with(LogContext.NODE, config.nodeName(), "op", request.operationKey())) {
            return logged(request, r);
          }
        });
  }

  private CompletableFuture<AgentResult> dispatch(ActionRequest request) {
    return switch (request.agent().agentClass()) {
      case OCF -> ocf.execute(request);
      case LSB -> lsb.execute(request);
      case SYSTEMD -> systemd.execute(request);
      case SERVICE -> service(request);
      case STONITH ->
          fencing != null
              ? fencing.execute(request)
              : CompletableFuture.completedFuture(
                  AgentResult.immediate(
                      OcfCode.ERROR,
                      ExecStatus.NOT_CONNECTED,
                      "stonith resources are run by pacer-stonithd, which this executor is not"
                          + " connected to",
                      clock.instant()));
    };
  }

  private CompletableFuture<AgentResult> service(ActionRequest request) {
    String type = request.agent().type();
    if (Files.exists(lsb.scriptPath(type))) {
      return lsb.execute(retarget(request, AgentClass.LSB));
    }
    if (systemd.running()) {
      return systemd.execute(retarget(request, AgentClass.SYSTEMD));
    }
    return CompletableFuture.completedFuture(
        AgentResult.immediate(
            OcfCode.NOT_INSTALLED,
            ExecStatus.NOT_INSTALLED,
            "no init script "
                + lsb.scriptPath(type)
                + " and systemd is not running, so service:"
                + type
                + " cannot be found",
            clock.instant()));
  }

  private static ActionRequest retarget(ActionRequest request, AgentClass agentClass) {
    return new ActionRequest(
        request.resourceId(),
        AgentId.of(agentClass, request.agent().type()),
        request.action(),
        request.intervalMs(),
        request.timeoutMs(),
        request.parameters(),
        request.meta(),
        request.checkLevel());
  }

  private static AgentResult logged(ActionRequest request, AgentResult result) {
    if (result.status() != ExecStatus.DONE) {
      log.warn(
          "{} {} of {}: {}: {}",
          request.resourceId(),
          request.action(),
          request.agent(),
          result.status().text(),
          result.exitReason());
    } else if (result.exitCode() >= 0
        && !OcfCode.isDefined(result.exitCode())
        && request.agent().agentClass() == AgentClass.OCF) {
      log.warn(
          "{} {} of {}: agent returned undefined exit code {}, counted as error",
          request.resourceId(),
          request.action(),
          request.agent(),
          result.exitCode());
    } else {
      if (!result.stderr().isBlank()) {
        // Agents explain themselves on stderr; recurring monitors would repeat it every run.
        String tail = result.stderr().strip();
        tail = tail.length() > 500 ? "..." + tail.substring(tail.length() - 500) : tail;
        if (request.intervalMs() == 0) {
          log.info(
              "{} {} of {} stderr: {}",
              request.resourceId(),
              request.action(),
              request.agent(),
              tail);
        } else {
          log.debug(
              "{} {} of {} stderr: {}",
              request.resourceId(),
              request.action(),
              request.agent(),
              tail);
        }
      }
      log.debug(
          "{} {} of {}: {} ({}){}",
          request.resourceId(),
          request.action(),
          request.agent(),
          result.code().code(),
          result.code().description(),
          result.exitReason().isEmpty() ? "" : ": " + result.exitReason());
    }
    return result;
  }
}
