package org.pacer.stonithd.config;

import java.util.Locale;
import java.util.Optional;

/**
 * The actions fencing knows. The first three are what a fence request asks for; the others are how
 * stonithd learns about a device.
 */
public enum FenceAction {
  REBOOT("reboot"),
  OFF("off"),
  ON("on"),
  LIST("list"),
  STATUS("status"),
  MONITOR("monitor"),
  METADATA("metadata");

  private final String value;

  FenceAction(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  /** reboot, off and on: the actions that change a node's power. */
  public boolean isFencing() {
    return this == REBOOT || this == OFF || this == ON;
  }

  public static Optional<FenceAction> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    // Pacemaker's older name for off.
    if (t.equals("poweroff")) {
      return Optional.of(OFF);
    }
    for (FenceAction a : values()) {
      if (a.value.equals(t)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return value;
  }
}
