package org.pacer.stonithd.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything stonithd takes from one CIB version: devices, topology, node attributes (for
 * attribute-matched levels) and the cluster options that shape fencing.
 *
 * @param devices by id, in document order
 * @param topology every fencing level, in document order
 * @param nodeAttributes node name to its permanent attributes
 * @param stonithTimeout the stonith-timeout cluster option: the default action timeout
 * @param priorityFencingDelay the priority-fencing-delay cluster option
 * @param concurrentFencing the concurrent-fencing cluster option
 * @param problems configuration problems outside single devices (bad levels, bad options)
 */
public record FencingConfig(
    Map<String, DeviceConfig> devices,
    List<TopologyLevel> topology,
    Map<String, Map<String, String>> nodeAttributes,
    Duration stonithTimeout,
    Duration priorityFencingDelay,
    boolean concurrentFencing,
    List<String> problems) {

  public static final Duration DEFAULT_STONITH_TIMEOUT = Duration.ofSeconds(60);

  public static final FencingConfig EMPTY =
      new FencingConfig(
          Map.of(), List.of(), Map.of(), DEFAULT_STONITH_TIMEOUT, Duration.ZERO, false, List.of());

  public FencingConfig {
    devices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(devices));
    topology = List.copyOf(topology);
    nodeAttributes = Map.copyOf(nodeAttributes);
    problems = List.copyOf(problems);
  }

  public Optional<DeviceConfig> device(String id) {
    return Optional.ofNullable(devices.get(id));
  }

  /**
   * The levels that apply to {@code target}, lowest index first. Levels naming the node exactly
   * win; otherwise the first pattern or attribute target (in document order) that matches it
   * supplies all of its levels, as one node has one topology.
   */
  public List<TopologyLevel> levelsFor(String target) {
    Map<String, String> attributes = nodeAttributes.getOrDefault(target, Map.of());
    List<TopologyLevel> byName = new ArrayList<>();
    for (TopologyLevel level : topology) {
      if (level.target() instanceof TargetMatcher.ByName
          && level.target().matches(target, attributes)) {
        byName.add(level);
      }
    }
    List<TopologyLevel> chosen = byName;
    if (chosen.isEmpty()) {
      TargetMatcher first = null;
      for (TopologyLevel level : topology) {
        if (first == null
            && !(level.target() instanceof TargetMatcher.ByName)
            && level.target().matches(target, attributes)) {
          first = level.target();
        }
      }
      if (first != null) {
        for (TopologyLevel level : topology) {
          if (level.target().equals(first)) {
            chosen.add(level);
          }
        }
      }
    }
    chosen.sort(Comparator.comparingInt(TopologyLevel::index));
    return chosen;
  }

  /** Devices in the order they are tried when no topology applies: highest priority first. */
  public List<DeviceConfig> devicesByPriority() {
    List<DeviceConfig> list = new ArrayList<>(devices.values());
    list.sort(Comparator.comparingInt(DeviceConfig::priority).reversed());
    return list;
  }
}
