package org.pacer.it.nemesis;

/** One fault the nemesis injected: when (ms after the start), what, and on which node. */
public record Fault(long atMs, Kind kind, String node, String detail) {

  /** The kinds of fault, as the schedule and the figures name them. */
  public enum Kind {
    KILL_DAEMON,
    KILL_NODE,
    PAUSE_NODE,
    RESTART_NODE,
    RESOURCE_FAILURE,
    PARTITION,
    LOSSY_LINK
  }

  @Override
  public String toString() {
    return String.format("+%7d ms %-16s %-3s %s", atMs, kind, node, detail);
  }
}
