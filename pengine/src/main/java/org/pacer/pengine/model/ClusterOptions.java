package org.pacer.pengine.model;

import java.util.Map;

/** Cluster option values resolved from {@code crm_config} against {@link ClusterOption}. */
public record ClusterOptions(Map<String, String> values) {

  public String get(ClusterOption o) {
    String v = values.get(o.optionName());
    return v == null ? o.defaultValue() : v;
  }

  public boolean bool(ClusterOption o) {
    return ClusterOption.isTrue(get(o));
  }

  public long durationMs(ClusterOption o) {
    try {
      return ClusterOption.parseDurationMs(get(o));
    } catch (IllegalArgumentException e) {
      return ClusterOption.parseDurationMs(o.defaultValue());
    }
  }

  public String raw(String name) {
    return values.get(name);
  }
}
