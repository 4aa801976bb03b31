package org.pacer.membership;

import org.pacer.membership.daemon.MembershipDaemonFactory;
import org.pacer.messaging.daemon.DaemonLauncher;

/** {@code pacer-membership --root DIR --node NAME}: Pacer's corosync. */
public final class MembershipDaemon {

  private MembershipDaemon() {}

  public static void main(String[] args) {
    DaemonLauncher.run(args, new MembershipDaemonFactory());
  }
}
