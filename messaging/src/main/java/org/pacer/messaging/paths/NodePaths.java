package org.pacer.messaging.paths;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Every filesystem location a node uses, derived from one root so that several nodes can share a
 * machine (a demo, a test) as an ordinary user. With root {@code /} these are the usual system
 * paths; with root {@code /tmp/n1} they are {@code /tmp/n1/etc/pacer} and so on.
 *
 * @param root the prefix every other path hangs from
 */
public record NodePaths(Path root) {

  /** The environment variable that names the root when {@code --root} is not given. */
  public static final String ROOT_ENV = "PACER_ROOT";

  public NodePaths {
    Objects.requireNonNull(root, "root");
    root = root.toAbsolutePath().normalize();
  }

  /**
   * The root chosen by an explicit option, else {@code PACER_ROOT}, else {@code /}.
   *
   * @param option the value of {@code --root}, or null when it was not given
   * @param environment the process environment (injected so tests need not mutate the real one)
   */
  public static NodePaths resolve(String option, Map<String, String> environment) {
    if (option != null && !option.isBlank()) {
      return new NodePaths(Path.of(option));
    }
    String fromEnv = environment.get(ROOT_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new NodePaths(Path.of(fromEnv));
    }
    return new NodePaths(Path.of("/"));
  }

  /** Configuration: corosync.conf, authkey, TLS material. */
  public Path etcDir() {
    return root.resolve("etc/pacer");
  }

  /** Persistent state: the CIB, pe-inputs, executor history, ring id. */
  public Path libDir() {
    return root.resolve("var/lib/pacer");
  }

  /** Runtime state: local sockets and pid files. */
  public Path runDir() {
    return root.resolve("run/pacer");
  }

  /** Daemon logs. */
  public Path logDir() {
    return root.resolve("var/log/pacer");
  }

  /** The local socket of one daemon, e.g. {@code cib} → {@code <run>/cib.sock}. */
  public Path socket(String daemon) {
    return runDir().resolve(daemon + ".sock");
  }

  /** The pid file of one daemon (or of the supervisor). */
  public Path pidFile(String daemon) {
    return runDir().resolve(daemon + ".pid");
  }

  public Path corosyncConf() {
    return etcDir().resolve("corosync.conf");
  }

  public Path authkey() {
    return etcDir().resolve("authkey");
  }

  /** True when this node uses the system paths rather than a private root. */
  public boolean isSystemRoot() {
    return root.getParent() == null;
  }
}
