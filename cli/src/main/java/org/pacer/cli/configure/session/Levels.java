package org.pacer.cli.configure.session;

import java.util.List;

/** The commands each level of the shell takes, for help and completion. */
public final class Levels {
  private Levels() {}

  private static final List<String> TOP =
      List.of(
          "status",
          "configure",
          "resource",
          "node",
          "cib",
          "options",
          "cd",
          "up",
          "end",
          "quit",
          "help");
  private static final List<String> CONFIGURE =
      List.of(
          "primitive",
          "group",
          "clone",
          "ms",
          "rsc_template",
          "bundle",
          "location",
          "colocation",
          "order",
          "rsc_ticket",
          "property",
          "rsc_defaults",
          "op_defaults",
          "node",
          "tag",
          "fencing_topology",
          "alert",
          "role",
          "acl_target",
          "monitor",
          "show",
          "edit",
          "filter",
          "delete",
          "rename",
          "erase",
          "set",
          "modgroup",
          "load",
          "save",
          "verify",
          "commit",
          "refresh",
          "cib",
          "up",
          "end",
          "quit",
          "help");
  private static final List<String> RESOURCE =
      List.of(
          "status",
          "locate",
          "start",
          "stop",
          "restart",
          "cleanup",
          "refresh",
          "failcount",
          "manage",
          "unmanage",
          "maintenance",
          "move",
          "clear",
          "ban",
          "param",
          "meta",
          "utilization",
          "trace",
          "untrace",
          "up",
          "end",
          "quit",
          "help");
  private static final List<String> NODE =
      List.of(
          "show",
          "maintenance",
          "ready",
          "standby",
          "online",
          "attribute",
          "utilization",
          "status-attr",
          "clearstate",
          "delete",
          "up",
          "end",
          "quit",
          "help");
  private static final List<String> CIB =
      List.of("new", "use", "commit", "diff", "list", "delete", "reset", "up", "end", "quit");
  private static final List<String> OPTIONS =
      List.of("sort_elements", "manage-children", "editor", "up", "end", "quit");

  /** What can be typed first at {@code level} ("" for the top). */
  public static List<String> commands(String level) {
    return switch (level) {
      case "configure" -> CONFIGURE;
      case "resource" -> RESOURCE;
      case "node" -> NODE;
      case "cib" -> CIB;
      case "options" -> OPTIONS;
      default -> TOP;
    };
  }
}
