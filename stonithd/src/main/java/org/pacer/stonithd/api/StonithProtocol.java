package org.pacer.stonithd.api;

import java.util.List;
import org.pacer.stonithd.coordination.HistoryEntry;

/**
 * The request types and bodies of stonithd's local socket, shared by the daemon, the controller's
 * client and the shell.
 */
public final class StonithProtocol {

  public static final String DAEMON = "stonithd";
  public static final String FENCE = "stonith.fence";
  public static final String CONFIRM = "stonith.confirm";
  public static final String RESULT = "stonith.result";
  public static final String HISTORY = "stonith.history";
  public static final String HISTORY_CLEANUP = "stonith.history-cleanup";
  public static final String DEVICES = "stonith.devices";
  public static final String DEVICE_ACTION = "stonith.device-action";
  public static final String METADATA = "stonith.metadata";
  public static final String INSTALLED = "stonith.installed";
  public static final String STATUS = "stonith.status";
  public static final String VALIDATE = "stonith.validate";

  /** Push topic: every finished operation, as a {@link HistoryEntry}. */
  public static final String RESULTS_TOPIC = "stonith.results";

  private StonithProtocol() {}

  /**
   * @param action reboot, off or on
   * @param timeoutMs how long the operation may take
   * @param delayMs a delay before the first device runs, added to pcmk_delay_*; -1 disables all
   * @param client who asks, for the history
   * @param waitForResult whether the reply waits for the result (else it carries the id only)
   * @param toleranceMs when the same action on the target succeeded less than this long ago, that
   *     result is the answer and nothing is fenced (stonith_admin --tolerance); 0 for none
   */
  public record FenceRequest(
      String target,
      String action,
      long timeoutMs,
      long delayMs,
      String client,
      boolean waitForResult,
      long toleranceMs) {}

  /** The operation's id, and its result when the request waited for it. */
  public record FenceReply(String opId, HistoryEntry result) {}

  public record ConfirmRequest(String target, String client) {}

  public record ResultRequest(String opId) {}

  /** {@code target} "*" (or empty) for every node. */
  public record HistoryRequest(String target, boolean pending) {}

  public record HistoryReply(List<HistoryEntry> entries) {}

  public record CleanupRequest(String target) {}

  /** With a target: this node's devices that can fence it; without: every configured device. */
  public record DevicesRequest(String target) {}

  public record DeviceInfo(String id, String agent, boolean usable, boolean can, String reason) {}

  public record DevicesReply(String node, List<DeviceInfo> devices) {}

  public record DeviceActionRequest(String device, String action, String target) {}

  public record DeviceActionReply(String outcome, int exitCode, String output, String reason) {}

  public record MetadataRequest(String agent) {}

  /** Runs the agent's validate-all action with these parameters. */
  public record ValidateRequest(String agent, java.util.Map<String, String> params) {}

  public record MetadataReply(String xml) {}

  public record InstalledReply(List<String> agents) {}

  public record StatusReply(String node, List<String> members, int devices, int pending) {}
}
