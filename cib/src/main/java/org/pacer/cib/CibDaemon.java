package org.pacer.cib;

import org.pacer.cib.daemon.CibDaemonFactory;
import org.pacer.messaging.daemon.DaemonLauncher;

/** {@code pacer-cib --root DIR --node NAME}: the Cluster Information Base daemon. */
public final class CibDaemon {
  private CibDaemon() {}

  public static void main(String[] args) {
    DaemonLauncher.run(args, new CibDaemonFactory());
  }
}
