package org.pacer.crmd;

import org.pacer.crmd.daemon.CrmdDaemonFactory;
import org.pacer.messaging.daemon.DaemonLauncher;

/** {@code pacer-crmd --root DIR --node NAME}: Pacer's controller. */
public final class CrmdDaemon {

  private CrmdDaemon() {}

  public static void main(String[] args) {
    DaemonLauncher.run(args, new CrmdDaemonFactory());
  }
}
