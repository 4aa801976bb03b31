package org.pacer.stonithd.coordination;

/** What the coordinator asks its shell to do. */
public sealed interface FencingEffect {

  /** Send to the whole group in agreed order. */
  record Broadcast(FencingMessage message) implements FencingEffect {}

  /** Find out which local devices can fence {@code target}; answer with DevicesChecked. */
  record CheckDevices(String opId, int round, String target, String action)
      implements FencingEffect {}

  /**
   * Run {@code device} against {@code target} here; answer with DeviceFinished.
   *
   * @param applyDeviceDelay whether the device's pcmk_delay_base/max applies (first run only)
   * @param extraDelayMs the requester's delay (priority-fencing-delay), 0 for none
   */
  record RunDevice(
      String opId,
      int step,
      String device,
      String target,
      String action,
      boolean applyDeviceDelay,
      long extraDelayMs)
      implements FencingEffect {}

  enum TimerKind {
    /** End of the window in which members answer a query. */
    QUERY,
    /** The operation's overall deadline. */
    DEADLINE,
    /** A while after the deadline, on every member holding the operation (see the coordinator). */
    BACKSTOP
  }

  record SetTimer(String opId, TimerKind kind, long at) implements FencingEffect {}

  record CancelTimers(String opId) implements FencingEffect {}

  /** The local client's request got this operation id (possibly merged into another). */
  record Accepted(String callId, String opId) implements FencingEffect {}

  /** A local client's request was refused before it reached the group. */
  record Refused(String callId, String reason) implements FencingEffect {}

  /**
   * An operation finished: tell local clients waiting on {@code opId} (and subscribers).
   *
   * @param opId the id the client was given (a merged request's own id)
   */
  record Finished(String opId, HistoryEntry entry) implements FencingEffect {}
}
