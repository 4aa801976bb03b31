package org.pacer.pengine;

import org.pacer.messaging.daemon.DaemonLauncher;
import org.pacer.pengine.daemon.PengineDaemonFactory;

/** {@code pacer-pengine --root DIR --node NAME}: the scheduler daemon. */
public final class PengineDaemon {
  private PengineDaemon() {}

  public static void main(String[] args) {
    DaemonLauncher.run(args, new PengineDaemonFactory());
  }
}
