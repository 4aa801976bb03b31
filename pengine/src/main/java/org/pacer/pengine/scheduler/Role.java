package org.pacer.pengine.scheduler;

/** A resource's role, ordered from least to most active. */
public enum Role {
  UNKNOWN("Unknown"),
  STOPPED("Stopped"),
  STARTED("Started"),
  UNPROMOTED("Unpromoted"),
  PROMOTED("Promoted");

  private final String text;

  Role(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }

  /** Parses a role name, accepting the legacy Master/Slave names; null for unknown text. */
  public static Role parse(String s) {
    if (s == null) {
      return null;
    }
    return switch (s.toLowerCase(java.util.Locale.ROOT)) {
      case "stopped" -> STOPPED;
      case "started" -> STARTED;
      case "unpromoted", "slave" -> UNPROMOTED;
      case "promoted", "master" -> PROMOTED;
      default -> null;
    };
  }

  public boolean isActive() {
    return this.ordinal() >= STARTED.ordinal();
  }
}
