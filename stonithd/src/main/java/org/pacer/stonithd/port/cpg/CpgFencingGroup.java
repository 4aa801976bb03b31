package org.pacer.stonithd.port.cpg;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.pacer.membership.api.CpgPush;
import org.pacer.membership.client.CpgClient;
import org.pacer.membership.client.MembershipClient;
import org.pacer.messaging.envelope.Json;
import org.pacer.stonithd.coordination.FencingMessage;
import org.pacer.stonithd.port.FencingGroup;
import org.pacer.stonithd.port.GroupView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code stonithd} group through pacer-membership's process groups. Messages are JSON. Members
 * are named by node; a node whose stonithd restarted quickly can leave and join in one CPG
 * configuration change, which is passed on as two views (left, then joined) so the coordinator
 * never takes the new process for the one that held its operations.
 */
public final class CpgFencingGroup implements FencingGroup {

  public static final String GROUP = "stonithd";
  private static final Logger log = LoggerFactory.getLogger(CpgFencingGroup.class);

  private final String node;
  private final CpgClient cpg;
  private List<String> previous = List.of();
  private long views;

  public CpgFencingGroup(MembershipClient membership, String node) {
    this.node = node;
    this.cpg = membership.cpg();
  }

  @Override
  public String localName() {
    return node;
  }

  @Override
  public void join(GroupListener listener) {
    try {
      cpg.join(GROUP, new Adapter(listener)).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot join process group " + GROUP + ": " + e.getMessage(), e);
    }
  }

  private final class Adapter implements CpgClient.Listener {
    private final GroupListener listener;

    Adapter(GroupListener listener) {
      this.listener = listener;
    }

    @Override
    public void delivered(String group, CpgPush.GroupMember sender, byte[] payload) {
      FencingMessage message;
      try {
        message = Json.mapper().readValue(payload, FencingMessage.class);
      } catch (Exception e) {
        log.error(
            "dropping a message from {} that cannot be read: {}", sender.node(), e.toString());
        return;
      }
      listener.delivered(sender.node(), message);
    }

    @Override
    public void configurationChanged(
        String group,
        List<CpgPush.GroupMember> members,
        List<CpgPush.GroupChange> joined,
        List<CpgPush.GroupChange> left) {
      List<String> now = names(members.stream().map(CpgPush.GroupMember::node).toList());
      List<String> gone = names(left.stream().map(c -> c.member().node()).toList());
      List<String> came = names(joined.stream().map(c -> c.member().node()).toList());
      List<String> both = new ArrayList<>(gone);
      both.retainAll(came);
      if (!both.isEmpty()) {
        List<String> between = new ArrayList<>(previous);
        between.removeAll(both);
        emit(between, gone, List.of());
        emit(now, List.of(), came);
      } else {
        List<String> reallyGone = new ArrayList<>(gone);
        reallyGone.removeAll(now);
        emit(now, reallyGone, came);
      }
    }

    private void emit(List<String> members, List<String> gone, List<String> came) {
      previous = List.copyOf(members);
      listener.configurationChanged(new GroupView(++views, members, gone, came));
    }
  }

  private static List<String> names(List<String> raw) {
    Set<String> unique = new LinkedHashSet<>(raw);
    return unique.stream().sorted().toList();
  }

  @Override
  public void send(FencingMessage message) {
    cpg.sendJson(GROUP, message);
  }

  @Override
  public void close() {
    cpg.close();
  }
}
