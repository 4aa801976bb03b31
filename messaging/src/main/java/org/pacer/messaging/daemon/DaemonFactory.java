package org.pacer.messaging.daemon;

/**
 * Starts one kind of daemon. Each daemon module provides one, so the same daemon runs as its own
 * JVM ({@link DaemonLauncher#run}) or beside the others in one JVM per node.
 */
public interface DaemonFactory {

  /** The daemon's name: it names its socket ({@code <run>/<name>.sock}), pid file and log. */
  String name();

  /**
   * Starts the daemon and returns once it serves on its socket.
   *
   * @throws Exception with a message an operator can act on (bad configuration, busy socket...)
   */
  Daemon start(DaemonContext context) throws Exception;
}
