package org.pacer.cib.daemon;

import java.util.concurrent.ThreadFactory;

/** Threads of the CIB daemon: named, and daemon threads so they never keep a stopping JVM up. */
final class DaemonThreads {
  private DaemonThreads() {}

  static ThreadFactory daemonThreads(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
