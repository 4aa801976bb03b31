package org.pacer.lrmd.agent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The decisions of the systemd class, kept apart from running systemctl. */
final class SystemdUnits {

  private static final List<String> SUFFIXES =
      List.of(
          ".service",
          ".socket",
          ".mount",
          ".timer",
          ".target",
          ".path",
          ".slice",
          ".scope",
          ".device",
          ".swap",
          ".automount");

  private SystemdUnits() {}

  /** {@code foo} → {@code foo.service}; names with a unit suffix stay as they are. */
  static String unitName(String type) {
    for (String suffix : SUFFIXES) {
      if (type.endsWith(suffix)) {
        return type;
      }
    }
    return type + ".service";
  }

  /** Where the drop-in that marks a unit as cluster-controlled goes. */
  static java.nio.file.Path dropInFile(java.nio.file.Path runtimeUnits, String unit) {
    return runtimeUnits.resolve(unit + ".d").resolve("50-pacer.conf");
  }

  /**
   * The drop-in written before a cluster start, as Pacemaker writes its own: systemd must not
   * restart the unit behind the cluster's back, and the unit is ordered before pacer-lrmd so that
   * at shutdown it stops after the executor, which lets the cluster stop it first.
   */
  static String dropIn(String unit) {
    return "[Unit]\n"
        + "Description=Cluster Controlled "
        + unit
        + "\n"
        + "Before=pacer-lrmd.service\n\n"
        + "[Service]\n"
        + "Restart=no\n";
  }

  /** The state systemctl show reports for a unit. */
  record UnitState(String loadState, String activeState, String subState, String description) {

    static UnitState parse(String showOutput) {
      Map<String, String> values = new LinkedHashMap<>();
      for (String line : showOutput.split("\n")) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          values.put(line.substring(0, eq), line.substring(eq + 1).strip());
        }
      }
      return new UnitState(
          values.getOrDefault("LoadState", ""),
          values.getOrDefault("ActiveState", ""),
          values.getOrDefault("SubState", ""),
          values.getOrDefault("Description", ""));
    }

    /** Still on its way somewhere: Pacemaker waits for such a unit to settle. */
    boolean transitional() {
      return "activating".equals(activeState)
          || "deactivating".equals(activeState)
          || "reloading".equals(activeState);
    }

    boolean missing() {
      return "not-found".equals(loadState);
    }

    boolean active() {
      return "active".equals(activeState);
    }

    boolean stopped() {
      return "inactive".equals(activeState) || "failed".equals(activeState);
    }

    String describe() {
      return activeState + (subState.isEmpty() ? "" : " (" + subState + ")");
    }
  }

  /** A settled (non-transitional) state's meaning for an action. */
  record Verdict(OcfCode code, ExecStatus status, String reason) {}

  static Verdict verdict(String action, String unit, UnitState state) {
    if (state.missing()) {
      return switch (action) {
        case "stop" -> new Verdict(OcfCode.OK, ExecStatus.DONE, "");
        case "monitor", "status" -> new Verdict(OcfCode.NOT_RUNNING, ExecStatus.DONE, "");
        default ->
            new Verdict(
                OcfCode.NOT_INSTALLED,
                ExecStatus.NOT_INSTALLED,
                "systemd unit " + unit + " not found");
      };
    }
    return switch (action) {
      case "start" ->
          state.active()
              ? new Verdict(OcfCode.OK, ExecStatus.DONE, "")
              : new Verdict(
                  OcfCode.ERROR,
                  ExecStatus.DONE,
                  "unit " + unit + " is " + state.describe() + " after start");
      case "stop" ->
          state.stopped()
              ? new Verdict(OcfCode.OK, ExecStatus.DONE, "")
              : new Verdict(
                  OcfCode.ERROR,
                  ExecStatus.DONE,
                  "unit " + unit + " is " + state.describe() + " after stop");
      default ->
          state.active()
              ? new Verdict(OcfCode.OK, ExecStatus.DONE, "")
              : state.stopped()
                  ? new Verdict(OcfCode.NOT_RUNNING, ExecStatus.DONE, "")
                  : new Verdict(
                      OcfCode.ERROR, ExecStatus.DONE, "unit " + unit + " is " + state.describe());
    };
  }
}
