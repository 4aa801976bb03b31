package org.pacer.cli.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One daemon the supervisor starts: its name (which names its socket, pid file and log) and its
 * main class. The order of {@link #standard()} is the start order; stop is the reverse.
 *
 * @param name e.g. {@code cib}: socket {@code cib.sock}, pid file {@code cib.pid}
 * @param mainClass the class whose {@code main(--root DIR --node NAME)} runs it
 */
public record DaemonSpec(String name, String mainClass) {

  public DaemonSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mainClass, "mainClass");
    if (!name.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException(
          "daemon name must be lower-case letters and digits: " + name);
    }
  }

  /** Pacer's daemons in start order: membership → cib → stonithd, lrmd → pengine → crmd. */
  public static List<DaemonSpec> standard() {
    return List.of(
        new DaemonSpec("membership", "org.pacer.membership.MembershipDaemon"),
        new DaemonSpec("cib", "org.pacer.cib.CibDaemon"),
        new DaemonSpec("stonithd", "org.pacer.stonithd.StonithDaemon"),
        new DaemonSpec("lrmd", "org.pacer.lrmd.LrmdDaemon"),
        new DaemonSpec("pengine", "org.pacer.pengine.PengineDaemon"),
        new DaemonSpec("crmd", "org.pacer.crmd.CrmdDaemon"));
  }

  /** The standard daemons whose code is on this classpath (modules still being built are not). */
  public static List<DaemonSpec> available(ClassLoader loader) {
    List<DaemonSpec> present = new ArrayList<>();
    for (DaemonSpec spec : standard()) {
      try {
        Class.forName(spec.mainClass(), false, loader);
        present.add(spec);
      } catch (ClassNotFoundException e) {
        // Not built yet: the node runs without it.
      }
    }
    return present;
  }

  /**
   * Parses {@code name=main.Class,name2=other.Class}, the supervisor's way of being told which
   * daemons to run (tests use it to supervise stand-in daemons).
   */
  public static List<DaemonSpec> parseList(String text) {
    List<DaemonSpec> specs = new ArrayList<>();
    for (String item : text.split(",")) {
      String trimmed = item.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      int eq = trimmed.indexOf('=');
      if (eq <= 0 || eq == trimmed.length() - 1) {
        throw new IllegalArgumentException("expected name=main.Class, got '" + trimmed + "'");
      }
      specs.add(new DaemonSpec(trimmed.substring(0, eq), trimmed.substring(eq + 1)));
    }
    return specs;
  }

  public static String formatList(List<DaemonSpec> specs) {
    return String.join(",", specs.stream().map(s -> s.name() + "=" + s.mainClass()).toList());
  }
}
