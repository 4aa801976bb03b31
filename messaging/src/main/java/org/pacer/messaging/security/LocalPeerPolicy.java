package org.pacer.messaging.security;

import java.util.OptionalInt;
import java.util.Set;

/**
 * Who may connect to a daemon's local socket: root, members of the {@code haclient} group, and the
 * user the daemon runs as (so a demo cluster run by an ordinary user works without root).
 *
 * @param ownerUid the daemon's own uid
 * @param clientGroupId the gid of {@code haclient}, if that group exists on this machine
 */
public record LocalPeerPolicy(int ownerUid, OptionalInt clientGroupId) {

  /** The group whose members may administer the cluster, as in Pacemaker. */
  public static final String CLIENT_GROUP = "haclient";

  public static LocalPeerPolicy forThisProcess(SystemAccounts accounts) {
    return new LocalPeerPolicy(accounts.currentUid(), accounts.groupId(CLIENT_GROUP));
  }

  /** The verdict on one peer. */
  public record Decision(boolean allowed, String reason) {}

  /**
   * Decides on a peer from its uid and every group it belongs to.
   *
   * @param uid the peer's uid from the kernel
   * @param gids the peer's primary and supplementary groups
   */
  public Decision decide(int uid, Set<Integer> gids) {
    if (uid == 0) {
      return new Decision(true, "root");
    }
    if (uid == ownerUid) {
      return new Decision(true, "same user as the daemon");
    }
    if (clientGroupId.isPresent() && gids.contains(clientGroupId.getAsInt())) {
      return new Decision(true, "member of " + CLIENT_GROUP);
    }
    String why =
        clientGroupId.isPresent()
            ? "not root, not the daemon's user (uid "
                + ownerUid
                + ") and not a member of group "
                + CLIENT_GROUP
            : "not root and not the daemon's user (uid "
                + ownerUid
                + "); group "
                + CLIENT_GROUP
                + " does not exist on this machine";
    return new Decision(false, why);
  }
}
