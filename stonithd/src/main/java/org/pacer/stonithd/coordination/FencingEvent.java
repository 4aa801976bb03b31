package org.pacer.stonithd.coordination;

import java.util.List;
import org.pacer.stonithd.config.FencingConfig;
import org.pacer.stonithd.port.GroupView;

/** What happens to the coordinator: each event carries the local time in epoch ms. */
public sealed interface FencingEvent {

  long now();

  /** The group delivered a message. */
  record Delivered(String sender, FencingMessage message, long now) implements FencingEvent {}

  /** The group's configuration changed. */
  record ViewChanged(GroupView view, long now) implements FencingEvent {}

  /** The CIB changed: devices and topology as they are now. */
  record Configured(FencingConfig config, long now) implements FencingEvent {}

  /**
   * A local client asks to fence {@code target}.
   *
   * @param callId the client's call, echoed in {@link FencingEffect.Accepted}
   */
  record FenceRequested(
      String callId,
      String target,
      String action,
      String client,
      long timeoutMs,
      long delayMs,
      long now)
      implements FencingEvent {}

  /** An operator confirms that {@code target} is down (stonith_admin --confirm). */
  record ManualConfirmation(String callId, String target, String client, long now)
      implements FencingEvent {}

  /** Forget finished history for a target ("*" for all). */
  record HistoryCleanupRequested(String target, long now) implements FencingEvent {}

  /** The local answer to {@link FencingEffect.CheckDevices}. */
  record DevicesChecked(String opId, int round, List<String> devices, long now)
      implements FencingEvent {
    public DevicesChecked {
      devices = List.copyOf(devices);
    }
  }

  /** The local answer to {@link FencingEffect.RunDevice}. */
  record DeviceFinished(String opId, int step, String device, boolean ok, String reason, long now)
      implements FencingEvent {}

  /** A timer set by {@link FencingEffect.SetTimer} fired. */
  record TimerFired(String opId, FencingEffect.TimerKind kind, long now) implements FencingEvent {}
}
