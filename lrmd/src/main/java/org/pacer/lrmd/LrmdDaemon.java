package org.pacer.lrmd;

import org.pacer.messaging.daemon.DaemonLauncher;

/** {@code pacer-lrmd --root DIR --node NAME}: the executor daemon of one node. */
public final class LrmdDaemon {

  private LrmdDaemon() {}

  public static void main(String[] args) {
    DaemonLauncher.run(args, new LrmdDaemonFactory());
  }
}
