package org.pacer.stonithd.device;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.pacer.stonithd.agent.AgentInput;
import org.pacer.stonithd.agent.AgentMetadata;
import org.pacer.stonithd.agent.AgentResult;
import org.pacer.stonithd.agent.FenceAgentRunner;
import org.pacer.stonithd.agent.HostListOutput;
import org.pacer.stonithd.config.ActionSettings;
import org.pacer.stonithd.config.DeviceConfig;
import org.pacer.stonithd.config.FenceAction;
import org.pacer.stonithd.config.FencingConfig;
import org.pacer.stonithd.config.HostCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The devices this node can use, as the current CIB defines them: which of them can fence a node
 * (by each device's host check), and running a fencing action on one of them with its delay,
 * retries, timeout and action limit. Every failure is a value with a reason, never an exception.
 */
public final class LocalDevices {

  private static final Logger log = LoggerFactory.getLogger(LocalDevices.class);

  /** How long a dynamic-list answer is trusted before the agent is asked again. */
  static final Duration LIST_CACHE = Duration.ofSeconds(60);

  private final String node;
  private final FenceAgentRunner agents;
  private final ScheduledExecutorService timers;
  private final Clock clock;
  private final RandomGenerator random;
  private final Map<String, ActionLimiter> limiters = new ConcurrentHashMap<>();
  private final Map<String, CachedList> lists = new ConcurrentHashMap<>();
  private volatile FencingConfig config = FencingConfig.EMPTY;

  private record CachedList(
      Instant at, String agent, Map<String, String> params, Set<String> names) {}

  /** Whether a device can fence a target, and why not when it cannot. */
  public record Capability(String device, boolean can, String reason) {}

  public LocalDevices(
      String node,
      FenceAgentRunner agents,
      ScheduledExecutorService timers,
      Clock clock,
      RandomGenerator random) {
    this.node = node;
    this.agents = agents;
    this.timers = timers;
    this.clock = clock;
    this.random = random;
  }

  public String node() {
    return node;
  }

  public FencingConfig config() {
    return config;
  }

  /** Takes a new configuration; devices keep running actions under the old one. */
  public void configure(FencingConfig next) {
    this.config = next;
    for (DeviceConfig d : next.devices().values()) {
      limiters
          .computeIfAbsent(d.id(), id -> new ActionLimiter(limitOf(d, next)))
          .setLimit(limitOf(d, next));
      if (!d.problems().isEmpty()) {
        log.warn("fence device {} is not used: {}", d.id(), String.join("; ", d.problems()));
      }
    }
    lists.keySet().retainAll(next.devices().keySet());
    next.problems().forEach(p -> log.warn("fencing configuration: {}", p));
  }

  /** pcmk_action_limit applies only with concurrent-fencing=true; otherwise one at a time. */
  private static int limitOf(DeviceConfig d, FencingConfig config) {
    return config.concurrentFencing() ? d.actionLimit() : 1;
  }

  /** The devices of this node that can fence {@code target}, in priority order. */
  public CompletableFuture<List<Capability>> capabilities(String target) {
    List<CompletableFuture<Capability>> checks = new ArrayList<>();
    for (DeviceConfig d : config.devicesByPriority()) {
      checks.add(capability(d, target));
    }
    return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new))
        .thenApply(v -> checks.stream().map(CompletableFuture::join).toList());
  }

  public CompletableFuture<Capability> capability(DeviceConfig d, String target) {
    if (!d.enabled()) {
      return done(d, false, "disabled (target-role=Stopped)");
    }
    if (!d.problems().isEmpty()) {
      return done(d, false, "bad configuration: " + String.join("; ", d.problems()));
    }
    if (!d.allowedOn(node)) {
      return done(d, false, "a location constraint forbids it on " + node);
    }
    return agents
        .metadata(d.agent())
        .thenCompose(meta -> checkHost(d, meta, target))
        .exceptionally(e -> new Capability(d.id(), false, rootMessage(e)));
  }

  private CompletableFuture<Capability> checkHost(
      DeviceConfig d, AgentMetadata meta, String target) {
    HostCheck check = d.effectiveHostCheck(meta.actions());
    switch (check) {
      case NONE:
        return done(d, true, "pcmk_host_check=none");
      case STATIC_LIST:
        return done(
            d,
            d.staticallyListed(target),
            d.staticallyListed(target)
                ? "listed in pcmk_host_list/pcmk_host_map"
                : target + " is not in pcmk_host_list or pcmk_host_map");
      case DYNAMIC_LIST:
        return dynamicList(d, meta)
            .thenApply(
                names -> {
                  boolean can = names.contains(d.portFor(target)) || names.contains(target);
                  return new Capability(
                      d.id(),
                      can,
                      can
                          ? "in the agent's list"
                          : target + " is not in the agent's list " + names);
                })
            .exceptionally(e -> new Capability(d.id(), false, rootMessage(e)));
      case STATUS:
      default:
        ActionSettings s = d.settings(FenceAction.STATUS);
        List<String> input = AgentInput.lines(d, meta, s.agentAction(), Optional.of(target));
        return agents
            .run(d.agent(), input, s.timeout())
            .thenApply(
                r -> {
                  // status: 0 means on, 2 means off; either way the device knows the node.
                  boolean can = r.ok() || r.exitCode() == 2;
                  return new Capability(
                      d.id(), can, can ? "status knows " + target : "status: " + r.reason());
                });
    }
  }

  /** The names the device's list action prints, from a cache kept for {@link #LIST_CACHE}. */
  public CompletableFuture<Set<String>> dynamicList(DeviceConfig d, AgentMetadata meta) {
    CachedList cached = lists.get(d.id());
    Instant now = clock.instant();
    if (cached != null
        && cached.agent().equals(d.agent())
        && cached.params().equals(d.params())
        && now.isBefore(cached.at().plus(LIST_CACHE))) {
      return CompletableFuture.completedFuture(cached.names());
    }
    ActionSettings s = d.settings(FenceAction.LIST);
    if (!meta.supports(s.agentAction())) {
      return CompletableFuture.failedFuture(
          new IllegalStateException(
              d.agent()
                  + " does not implement the '"
                  + s.agentAction()
                  + "' action that pcmk_host_check=dynamic-list needs"));
    }
    List<String> input = AgentInput.lines(d, meta, s.agentAction(), Optional.empty());
    return agents
        .run(d.agent(), input, s.timeout())
        .thenApply(
            r -> {
              if (!r.ok()) {
                throw new IllegalStateException("list: " + r.reason());
              }
              HostListOutput.Parsed parsed = HostListOutput.parse(r.output());
              if (parsed.names().isEmpty() && parsed.junkLines() > 0) {
                throw new IllegalStateException(
                    "list output of "
                        + d.agent()
                        + " not understood ("
                        + parsed.junkLines()
                        + " lines)");
              }
              if (parsed.junkLines() > 0) {
                log.warn(
                    "device {}: skipped {} unreadable lines of list output",
                    d.id(),
                    parsed.junkLines());
              }
              lists.put(d.id(), new CachedList(now, d.agent(), d.params(), parsed.names()));
              return parsed.names();
            });
  }

  /**
   * Runs a fencing action against {@code target} on device {@code deviceId}: waits {@code delay},
   * then runs the agent, retrying failures while retries and time remain.
   */
  public CompletableFuture<DeviceOutcome> execute(
      String deviceId, FenceAction action, String target, Duration delay) {
    Optional<DeviceConfig> found = config.device(deviceId);
    if (found.isEmpty()) {
      return CompletableFuture.completedFuture(
          new DeviceOutcome(deviceId, false, "device " + deviceId + " does not exist", 0));
    }
    DeviceConfig d = found.get();
    if (!d.usable() || !d.allowedOn(node)) {
      String why =
          !d.enabled()
              ? "disabled"
              : !d.problems().isEmpty()
                  ? "bad configuration: " + String.join("; ", d.problems())
                  : "a location constraint forbids it on " + node;
      return CompletableFuture.completedFuture(new DeviceOutcome(deviceId, false, why, 0));
    }
    ActionLimiter limiter =
        limiters.computeIfAbsent(d.id(), id -> new ActionLimiter(limitOf(d, config)));
    return agents
        .metadata(d.agent())
        .thenCompose(
            meta ->
                delayed(delay)
                    .thenCompose(v -> limiter.submit(() -> attempts(d, meta, action, target))))
        .exceptionally(e -> new DeviceOutcome(deviceId, false, rootMessage(e), 0));
  }

  /**
   * The device's delay for this target (pcmk_delay_base plus a random part up to pcmk_delay_max).
   */
  public Duration delayFor(String deviceId, String target) {
    return config.device(deviceId).map(d -> d.delayFor(target, random)).orElse(Duration.ZERO);
  }

  private CompletableFuture<Void> delayed(Duration delay) {
    if (delay.isZero() || delay.isNegative()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> f = new CompletableFuture<>();
    timers.schedule(() -> f.complete(null), delay.toMillis(), TimeUnit.MILLISECONDS);
    return f;
  }

  private CompletableFuture<DeviceOutcome> attempts(
      DeviceConfig d, AgentMetadata meta, FenceAction action, String target) {
    FenceAction run = action;
    if (action == FenceAction.REBOOT
        && !meta.supports(d.settings(FenceAction.REBOOT).agentAction())
        && meta.supports(d.settings(FenceAction.OFF).agentAction())) {
      log.info("{} does not implement reboot; fencing {} with off", d.agent(), target);
      run = FenceAction.OFF;
    }
    ActionSettings s = d.settings(run);
    if (!meta.supports(s.agentAction())) {
      return CompletableFuture.completedFuture(
          new DeviceOutcome(
              d.id(),
              false,
              d.agent() + " does not implement the '" + s.agentAction() + "' action",
              0));
    }
    List<String> input = AgentInput.lines(d, meta, s.agentAction(), Optional.of(target));
    Instant deadline = clock.instant().plus(s.timeout());
    return attempt(d, input, deadline, s.retries(), 1);
  }

  private CompletableFuture<DeviceOutcome> attempt(
      DeviceConfig d, List<String> input, Instant deadline, int retriesLeft, int number) {
    Duration remaining = Duration.between(clock.instant(), deadline);
    if (remaining.toMillis() <= 0) {
      remaining = Duration.ofMillis(1);
    }
    return agents
        .run(d.agent(), input, remaining)
        .thenCompose(
            r -> {
              if (r.ok()) {
                return CompletableFuture.completedFuture(
                    new DeviceOutcome(d.id(), true, r.reason(), number));
              }
              boolean timeLeft = clock.instant().isBefore(deadline);
              boolean retry =
                  retriesLeft > 0
                      && timeLeft
                      && r.outcome() != AgentResult.Outcome.NOT_RUN
                      && r.outcome() != AgentResult.Outcome.TIMED_OUT;
              log.warn(
                  "device {} attempt {}: {}{}",
                  d.id(),
                  number,
                  r.reason(),
                  retry ? "; retrying" : "");
              if (retry) {
                return attempt(d, input, deadline, retriesLeft - 1, number + 1);
              }
              return CompletableFuture.completedFuture(
                  new DeviceOutcome(d.id(), false, r.reason(), number));
            });
  }

  /** Runs a non-fencing action (list, status, monitor) of a device for the shell. */
  public CompletableFuture<AgentResult> query(
      String deviceId, FenceAction action, Optional<String> target) {
    Optional<DeviceConfig> found = config.device(deviceId);
    if (found.isEmpty()) {
      return CompletableFuture.completedFuture(
          AgentResult.notRun("device " + deviceId + " does not exist"));
    }
    DeviceConfig d = found.get();
    ActionSettings s = d.settings(action);
    return agents
        .metadata(d.agent())
        .thenCompose(
            meta -> {
              String name = s.agentAction();
              if (action == FenceAction.MONITOR
                  && !meta.supports(name)
                  && meta.supports("status")) {
                name = "status";
              }
              if (!meta.supports(name)) {
                return CompletableFuture.completedFuture(
                    AgentResult.notRun(
                        d.agent() + " does not implement the '" + name + "' action"));
              }
              return agents.run(d.agent(), AgentInput.lines(d, meta, name, target), s.timeout());
            })
        .exceptionally(e -> AgentResult.notRun(rootMessage(e)));
  }

  public CompletableFuture<AgentMetadata> metadata(String agent) {
    return agents.metadata(agent);
  }

  private CompletableFuture<Capability> done(DeviceConfig d, boolean can, String reason) {
    return CompletableFuture.completedFuture(new Capability(d.id(), can, reason));
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while ((t instanceof java.util.concurrent.CompletionException
            || t instanceof java.util.concurrent.ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
