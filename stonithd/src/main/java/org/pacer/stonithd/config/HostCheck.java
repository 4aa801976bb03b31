package org.pacer.stonithd.config;

import java.util.Locale;
import java.util.Optional;

/** How a device decides which nodes it can fence ({@code pcmk_host_check}). */
public enum HostCheck {
  /** The nodes named in pcmk_host_list or pcmk_host_map. */
  STATIC_LIST("static-list"),
  /** The nodes (or ports) the agent's {@code list} action prints. */
  DYNAMIC_LIST("dynamic-list"),
  /** Asks the agent's {@code status} action about the one target. */
  STATUS("status"),
  /** Every node. */
  NONE("none");

  private final String value;

  HostCheck(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  public static Optional<HostCheck> parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (HostCheck c : values()) {
      if (c.value.equals(t)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return value;
  }
}
