package org.pacer.lrmd.metadata;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One action an agent declares, with its advised attributes (timeout, interval, depth, role, ...)
 * in the order the agent wrote them.
 */
public record ActionSpec(String name, Map<String, String> attributes) {

  public ActionSpec {
    attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  public Optional<String> attribute(String key) {
    return Optional.ofNullable(attributes.get(key));
  }

  public Optional<String> timeout() {
    return attribute("timeout");
  }
}
