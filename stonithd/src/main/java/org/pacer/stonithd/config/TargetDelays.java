package org.pacer.stonithd.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code pcmk_delay_base}: one time for every target, or a node map ({@code node1:1s;node2:5})
 * giving each target its own.
 */
public record TargetDelays(Duration common, Map<String, Duration> perNode) {

  public static final TargetDelays NONE = new TargetDelays(Duration.ZERO, Map.of());

  public TargetDelays {
    perNode = Map.copyOf(perNode);
  }

  public Duration forTarget(String node) {
    return perNode.isEmpty() ? common : perNode.getOrDefault(node, Duration.ZERO);
  }

  /**
   * @throws IllegalArgumentException naming the bad part
   */
  public static TargetDelays parse(String text) {
    if (text == null || text.isBlank()) {
      return NONE;
    }
    if (!text.contains(":")) {
      return new TargetDelays(Durations.parse(text), Map.of());
    }
    Map<String, Duration> map = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : NodeLists.parseMap(text).entrySet()) {
      map.put(e.getKey(), Durations.parse(e.getValue()));
    }
    return new TargetDelays(Duration.ZERO, map);
  }
}
