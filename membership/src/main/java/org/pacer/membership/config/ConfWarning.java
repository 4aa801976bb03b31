package org.pacer.membership.config;

/** Something in corosync.conf that Pacer accepts but ignores or reads differently. */
public record ConfWarning(String file, int line, String message) {
  @Override
  public String toString() {
    return file + ":" + line + ": " + message;
  }
}
