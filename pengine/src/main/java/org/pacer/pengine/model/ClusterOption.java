package org.pacer.pengine.model;

import java.util.Locale;

/**
 * Every cluster option the scheduler reads, declared once with its type, default and meaning.
 * {@link ClusterOptions} resolves values against these declarations.
 */
public enum ClusterOption {
  STONITH_ENABLED(
      "stonith-enabled", Type.BOOLEAN, "true", "Whether nodes may be fenced (unclean nodes are)."),
  STONITH_ACTION(
      "stonith-action", Type.SELECT, "reboot", "Fencing action: reboot, off (or poweroff)."),
  STONITH_TIMEOUT(
      "stonith-timeout", Type.DURATION, "60s", "How long to wait for a fencing action."),
  SYMMETRIC_CLUSTER(
      "symmetric-cluster",
      Type.BOOLEAN,
      "true",
      "Whether resources may run on any node by default."),
  NO_QUORUM_POLICY(
      "no-quorum-policy",
      Type.SELECT,
      "stop",
      "What to do without quorum: stop, freeze, ignore, demote or suicide."),
  MAINTENANCE_MODE(
      "maintenance-mode", Type.BOOLEAN, "false", "Whether no resource is managed or monitored."),
  STOP_ALL_RESOURCES(
      "stop-all-resources",
      Type.BOOLEAN,
      "false",
      "Whether every resource is to stop, as if each had target-role=Stopped."),
  STOP_ORPHAN_RESOURCES(
      "stop-orphan-resources",
      Type.BOOLEAN,
      "true",
      "Whether resources no longer configured stop."),
  STOP_ORPHAN_ACTIONS(
      "stop-orphan-actions",
      Type.BOOLEAN,
      "true",
      "Whether recurring operations no longer configured are cancelled."),
  START_FAILURE_IS_FATAL(
      "start-failure-is-fatal",
      Type.BOOLEAN,
      "true",
      "Whether a failed start bans the resource from the node (fail count INFINITY)."),
  PLACEMENT_STRATEGY(
      "placement-strategy",
      Type.SELECT,
      "default",
      "How utilization is used: default, utilization, minimal or balanced."),
  CONCURRENT_FENCING(
      "concurrent-fencing", Type.BOOLEAN, "false", "Whether fencing actions may run in parallel."),
  PRIORITY_FENCING_DELAY(
      "priority-fencing-delay",
      Type.DURATION,
      "0",
      "Delay before fencing the node that runs the higher-priority resources."),
  CLUSTER_RECHECK_INTERVAL(
      "cluster-recheck-interval",
      Type.DURATION,
      "15min",
      "How often to recompute the transition even without events (time-based rules, failure-timeout)."),
  SHUTDOWN_LOCK(
      "shutdown-lock",
      Type.BOOLEAN,
      "false",
      "Whether resources of a cleanly shut down node stay there until it returns."),
  SHUTDOWN_LOCK_LIMIT(
      "shutdown-lock-limit", Type.DURATION, "0", "How long a shutdown lock lasts (0 = forever)."),
  DEFAULT_RESOURCE_STICKINESS(
      "default-resource-stickiness",
      Type.INTEGER,
      "0",
      "Deprecated: stickiness for resources that set none (use rsc_defaults)."),
  IS_MANAGED_DEFAULT(
      "is-managed-default",
      Type.BOOLEAN,
      "true",
      "Deprecated: whether resources are managed by default (use rsc_defaults)."),
  ENABLE_STARTUP_PROBES(
      "enable-startup-probes", Type.BOOLEAN, "true", "Whether to probe resources on new nodes."),
  NODE_HEALTH_STRATEGY(
      "node-health-strategy",
      Type.SELECT,
      "none",
      "How node health attributes score nodes: none, migrate-on-red, only-green, progressive, custom."),
  STARTUP_FENCING(
      "startup-fencing", Type.BOOLEAN, "true", "Whether nodes never seen are fenced at startup."),
  REMOVE_AFTER_STOP(
      "remove-after-stop",
      Type.BOOLEAN,
      "false",
      "Deprecated: forget resources after stopping them."),
  CLUSTER_NAME("cluster-name", Type.STRING, null, "The cluster's name, for #cluster-name rules."),
  PE_INPUT_SERIES_MAX(
      "pe-input-series-max",
      Type.INTEGER,
      "4000",
      "How many scheduler inputs the daemon keeps as pe-input-N.xml (0: none)."),
  PE_WARN_SERIES_MAX(
      "pe-warn-series-max",
      Type.INTEGER,
      "5000",
      "How many scheduler inputs that gave warnings the DC keeps as pe-warn-N.bz2 (0: none, -1:"
          + " unlimited)."),
  PE_ERROR_SERIES_MAX(
      "pe-error-series-max",
      Type.INTEGER,
      "-1",
      "How many inputs that could not be scheduled are kept as pe-error-N.xml (-1: as many as"
          + " pe-input-series-max).");

  /** Value types of options, for validation. */
  public enum Type {
    BOOLEAN,
    INTEGER,
    DURATION,
    SELECT,
    STRING
  }

  private final String name;
  private final Type type;
  private final String defaultValue;
  private final String doc;

  ClusterOption(String name, Type type, String defaultValue, String doc) {
    this.name = name;
    this.type = type;
    this.defaultValue = defaultValue;
    this.doc = doc;
  }

  public String optionName() {
    return name;
  }

  public Type type() {
    return type;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String doc() {
    return doc;
  }

  /** Parses a boolean the way Pacemaker does (true/yes/on/y/1). */
  public static boolean isTrue(String v) {
    if (v == null) {
      return false;
    }
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "y", "1" -> true;
      default -> false;
    };
  }

  /** Parses an interval ("10s", "5min", "1h", "500ms", "P1D", plain seconds) into ms. */
  public static long parseDurationMs(String v) {
    if (v == null || v.isBlank()) {
      return 0;
    }
    String t = v.trim().toLowerCase(Locale.ROOT);
    if (t.startsWith("p")) {
      try {
        return org.pacer.pengine.rules.CibTime.durationMs(t);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("not an interval: '" + v + "'", e);
      }
    }
    int i = 0;
    while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) {
      i++;
    }
    if (i == 0) {
      throw new IllegalArgumentException("not an interval: '" + v + "'");
    }
    double n = Double.parseDouble(t.substring(0, i));
    String unit = t.substring(i).trim();
    double ms =
        switch (unit) {
          case "", "s", "sec", "secs" -> n * 1000;
          case "ms", "msec", "msecs" -> n;
          case "us", "usec", "usecs" -> n / 1000;
          case "m", "min", "mins" -> n * 60_000;
          case "h", "hr", "hrs" -> n * 3_600_000;
          default -> throw new IllegalArgumentException("not an interval: '" + v + "'");
        };
    return (long) ms;
  }
}
