package org.pacer.crmd.adapter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.pacer.crmd.controller.Input;
import org.pacer.crmd.message.CrmdMessage;
import org.pacer.crmd.message.Member;
import org.pacer.crmd.port.GroupPort;
import org.pacer.membership.api.CpgPush;
import org.pacer.membership.api.QuorumInfo;
import org.pacer.membership.client.CpgClient;
import org.pacer.membership.client.MembershipClient;
import org.pacer.messaging.envelope.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code crmd} process group over pacer-membership's CPG, and quorum from its votequorum.
 *
 * <p>A configuration change carries no ring id, so the view id is a digest of the members with
 * their process ids (equal for every member of one view, different for consecutive views) and the
 * epoch is the ring sequence read from the membership daemon when the change is handled (a later
 * reading errs on the safe side). Events are handed on in order from one thread, which may block on
 * that reading; the CPG callback thread never does.
 */
public final class CpgGroup implements GroupPort {

  private static final Logger log = LoggerFactory.getLogger(CpgGroup.class);

  public static final String GROUP = "crmd";

  private final MembershipClient membership;
  private final CpgClient cpg;
  private final ExecutorService events =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "crmd-group");
            t.setDaemon(true);
            return t;
          });
  private volatile long epoch;

  public CpgGroup(MembershipClient membership) {
    this.membership = membership;
    // One handle for joining and sending: the daemon knows a member by its handle.
    this.cpg = membership.cpg();
  }

  @Override
  public void join(Listener listener) throws Exception {
    // Quorum and the group's views come on two subscriptions, so a view can arrive before the
    // quorum change of the same membership (a partition of one then fenced the others with the
    // quorum of three). So every view is followed by quorum as the daemon has it after that view,
    // and a push only triggers a fresh reading: a late push never overwrites a newer state.
    membership
        .quorum()
        .subscribe(q -> events.execute(() -> readQuorum(listener)))
        .get(30, TimeUnit.SECONDS);
    events.execute(() -> readQuorum(listener));
    cpg.join(
            GROUP,
            new CpgClient.Listener() {
              @Override
              public void delivered(String group, CpgPush.GroupMember sender, byte[] payload) {
                events.execute(() -> deliver(listener, sender, payload));
              }

              @Override
              public void configurationChanged(
                  String group,
                  List<CpgPush.GroupMember> members,
                  List<CpgPush.GroupChange> joined,
                  List<CpgPush.GroupChange> left) {
                events.execute(
                    () -> {
                      listener.viewChanged(view(members));
                      readQuorum(listener);
                    });
              }
            })
        .get(30, TimeUnit.SECONDS);
  }

  /**
   * Reports quorum as the membership daemon has it now; it updates quorum in the same step as the
   * ring change that makes a view, so a reading asked for after a view is that view's (or later). A
   * failed reading reports nothing (the controller holds transitions and fencing meanwhile) and is
   * tried again a second later.
   */
  private void readQuorum(Listener listener) {
    try {
      QuorumInfo q = membership.quorum().get().get(5, TimeUnit.SECONDS);
      listener.quorumChanged(q.quorate());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.error("could not read quorum ({}); trying again in 1 s", e.toString());
      if (!events.isShutdown()) {
        CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS)
            .execute(
                () -> {
                  try {
                    events.execute(() -> readQuorum(listener));
                  } catch (java.util.concurrent.RejectedExecutionException closed) {
                    // the group was left meanwhile
                  }
                });
      }
    }
  }

  private void deliver(Listener listener, CpgPush.GroupMember sender, byte[] payload) {
    CrmdMessage m;
    try {
      m = Json.mapper().readValue(payload, CrmdMessage.class);
    } catch (Exception e) {
      log.error(
          "dropping an unreadable crmd message from {} ({} bytes): {}",
          sender.node(),
          payload.length,
          e.getMessage());
      return;
    }
    listener.delivered(sender.node(), m);
  }

  private Input.ViewChanged view(List<CpgPush.GroupMember> members) {
    // One controller per node: if a restarted one overlaps its predecessor's lease, the newer
    // process stands for the node.
    Map<String, CpgPush.GroupMember> byNode = new LinkedHashMap<>();
    List<CpgPush.GroupMember> sorted = new ArrayList<>(members);
    sorted.sort(Comparator.comparingLong(CpgPush.GroupMember::pid));
    for (CpgPush.GroupMember m : sorted) {
      byNode.put(m.node(), m);
    }
    List<String> keys = new ArrayList<>();
    List<Member> view = new ArrayList<>();
    for (CpgPush.GroupMember m : members) {
      keys.add(m.nodeId() + ":" + m.pid());
      if (byNode.get(m.node()) == m) {
        view.add(new Member(m.node(), Integer.toString(m.nodeId())));
      }
    }
    keys.sort(null);
    try {
      String ring = membership.status().get(5, TimeUnit.SECONDS).ringId();
      epoch = Math.max(epoch, Long.parseLong(ring.substring(ring.indexOf('.') + 1)));
    } catch (Exception e) {
      log.warn("could not read the ring id ({}); the previous epoch stands", e.getMessage());
    }
    return new Input.ViewChanged(digest(String.join(",", keys)), epoch, view);
  }

  static long digest(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (d[i] & 0xff);
      }
      return v;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }

  @Override
  public void send(CrmdMessage message) {
    cpg.sendJson(GROUP, message);
  }

  @Override
  public void close() {
    try {
      cpg.leave(GROUP).get(2, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.debug("leaving the crmd group: {}", e.getMessage());
    }
    events.shutdownNow();
  }
}
