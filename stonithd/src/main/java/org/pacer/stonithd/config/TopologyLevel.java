package org.pacer.stonithd.config;

import java.util.List;

/**
 * One {@code fencing-level}: for the nodes its target matches, level {@code index} is tried after
 * the lower ones failed, and succeeds only when every one of its devices succeeds, in order.
 */
public record TopologyLevel(String id, int index, TargetMatcher target, List<String> devices) {
  public TopologyLevel {
    devices = List.copyOf(devices);
  }
}
