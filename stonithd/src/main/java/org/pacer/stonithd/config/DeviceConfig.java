package org.pacer.stonithd.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * One fence device: a {@code class="stonith"} primitive of the CIB with its own parameters and the
 * pcmk_* parameters stonithd reads.
 *
 * @param id the primitive's id
 * @param agent the agent's name ({@code type}, e.g. {@code fence_ipmilan})
 * @param params the parameters passed to the agent (everything but pcmk_* and meta), in order
 * @param hostList pcmk_host_list
 * @param hostMap pcmk_host_map: node name to the agent's name for it (its port or plug)
 * @param hostCheck pcmk_host_check when set; otherwise it follows from the lists and the agent
 * @param hostArgument pcmk_host_argument when set; otherwise port or plug as the agent offers
 * @param delayBase pcmk_delay_base
 * @param delayMax pcmk_delay_max (zero: no random delay)
 * @param actionLimit pcmk_action_limit: how many actions may run at once (-1: unlimited)
 * @param actions how each action is run, with Pacemaker's defaults filled in
 * @param priority the primitive's priority meta attribute: devices are tried highest first
 * @param bannedNodes nodes whose location constraints forbid this device there
 * @param enabled false when target-role is Stopped
 * @param problems what is wrong with the configuration; a device with problems is not used
 */
public record DeviceConfig(
    String id,
    String agent,
    Map<String, String> params,
    List<String> hostList,
    Map<String, String> hostMap,
    Optional<HostCheck> hostCheck,
    Optional<String> hostArgument,
    TargetDelays delayBase,
    Duration delayMax,
    int actionLimit,
    Map<FenceAction, ActionSettings> actions,
    int priority,
    Set<String> bannedNodes,
    boolean enabled,
    List<String> problems) {

  public DeviceConfig {
    params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    hostList = List.copyOf(hostList);
    hostMap = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(hostMap));
    actions = Map.copyOf(actions);
    bannedNodes = Set.copyOf(bannedNodes);
    problems = List.copyOf(problems);
  }

  public boolean usable() {
    return enabled && problems.isEmpty();
  }

  /** Whether this node may run the device (no location constraint forbids it here). */
  public boolean allowedOn(String node) {
    return !bannedNodes.contains(node);
  }

  public ActionSettings settings(FenceAction action) {
    return actions.get(action);
  }

  /** The agent's name for the node: its pcmk_host_map entry, or the node name itself. */
  public String portFor(String node) {
    return hostMap.getOrDefault(node, node);
  }

  /**
   * The host check in force: the configured one, else static-list when a host list or map is set,
   * else dynamic-list if the agent has a list action, else status if it has status, else none.
   */
  public HostCheck effectiveHostCheck(Set<String> agentActions) {
    if (hostCheck.isPresent()) {
      return hostCheck.get();
    }
    if (!hostList.isEmpty() || !hostMap.isEmpty()) {
      return HostCheck.STATIC_LIST;
    }
    if (agentActions.contains("list")) {
      return HostCheck.DYNAMIC_LIST;
    }
    if (agentActions.contains("status")) {
      return HostCheck.STATUS;
    }
    return HostCheck.NONE;
  }

  /**
   * The parameter that names the target to the agent: the configured one, else {@code port} or
   * {@code plug} when the agent's meta-data has it; empty when the agent takes none.
   */
  public Optional<String> effectiveHostArgument(Set<String> agentParameters) {
    if (hostArgument.isPresent()) {
      String arg = hostArgument.get();
      return arg.equalsIgnoreCase("none") ? Optional.empty() : Optional.of(arg);
    }
    if (agentParameters.contains("port")) {
      return Optional.of("port");
    }
    if (agentParameters.contains("plug")) {
      return Optional.of("plug");
    }
    return Optional.empty();
  }

  /** The static nodes this device names (pcmk_host_list, then pcmk_host_map's nodes). */
  public boolean staticallyListed(String node) {
    return hostList.contains(node) || hostMap.containsKey(node);
  }

  /**
   * The delay before fencing {@code target}: pcmk_delay_base plus a random part that keeps the sum
   * at most pcmk_delay_max.
   */
  public Duration delayFor(String target, RandomGenerator random) {
    Duration base = delayBase.forTarget(target);
    long spread = delayMax.toMillis() - base.toMillis();
    if (spread <= 0) {
      return base;
    }
    return base.plusMillis(random.nextLong(spread + 1));
  }
}
