package org.pacer.cib.replication;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.pacer.membership.api.CpgPush;
import org.pacer.membership.client.CpgClient;
import org.pacer.membership.client.MembershipClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code cib} group on pacer-membership's process groups (CPG). Members are named by node: each
 * node runs one cib daemon, and a daemon restarted before its predecessor's lease ran out is, for
 * the CIB, the same member. Messages lost while the connection to the membership daemon was down
 * are not replayed; the digest checks after each write and the round after the re-join bring this
 * node's copy back in line.
 */
public final class MembershipGroup implements ProcessGroup {
  private static final Logger log = LoggerFactory.getLogger(MembershipGroup.class);

  private final MembershipClient membership;
  private CpgClient cpg;
  private String group;
  private long views;

  public MembershipGroup(MembershipClient membership) {
    this.membership = membership;
  }

  @Override
  public void join(String group, String node, Listener listener) {
    this.group = group;
    this.cpg = membership.cpg();
    try {
      cpg.join(
              group,
              new CpgClient.Listener() {
                @Override
                public void delivered(String g, CpgPush.GroupMember sender, byte[] payload) {
                  listener.onDeliver(sender.node(), payload);
                }

                @Override
                public void configurationChanged(
                    String g,
                    List<CpgPush.GroupMember> members,
                    List<CpgPush.GroupChange> joined,
                    List<CpgPush.GroupChange> left) {
                  List<String> names =
                      members.stream().map(CpgPush.GroupMember::node).distinct().sorted().toList();
                  log.info("cib group: members {} (joined {}, left {})", names, joined, left);
                  listener.onView(new View(++views, names));
                }
              })
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot join the " + group + " process group: " + e.getMessage(), e);
    }
  }

  @Override
  public void send(byte[] message) {
    cpg.send(group, message)
        .whenComplete(
            (v, e) -> {
              if (e != null) {
                // The write's client times out and retries; the next round repairs any gap.
                log.warn("sending to the {} group failed: {}", group, e.getMessage());
              }
            });
  }

  @Override
  public void close() {
    if (cpg != null) {
      cpg.close();
    }
    membership.close();
  }
}
