package org.pacer.membership.sim;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pacer.membership.cpg.CpgEvent;
import org.pacer.membership.cpg.ProcessId;
import org.pacer.membership.totem.TotemEffect.ConfigChange;

/**
 * Checks process groups (virtual synchrony at the group level): a message delivered on several
 * nodes while they are in the same configuration is delivered to the same group membership on each,
 * and no member gets a message twice.
 */
final class GroupChecker {

  private long counter;

  /** node → the configuration it is in (regular ring id, or the transitional one). */
  private final Map<Integer, Object> config = new HashMap<>();

  /** node → group → membership as last announced to a local member. */
  private final Map<Integer, Map<String, List<ProcessId>>> views = new HashMap<>();

  private final Map<List<Object>, List<ProcessId>> viewAtDelivery = new HashMap<>();
  private final Map<List<Object>, Boolean> seen = new HashMap<>();

  byte[] nextMessage(int node, long pid) {
    return ByteBuffer.allocate(20).putInt(node).putLong(pid).putLong(++counter).array();
  }

  void started(int node) {
    views.put(node, new HashMap<>());
    config.remove(node);
  }

  void configChange(int node, ConfigChange c) {
    config.put(node, c.transitional() ? List.of("T", c.ring(), c.members()) : c.ring());
  }

  void event(int node, ProcessId to, CpgEvent e) {
    if (e instanceof CpgEvent.ConfChg c) {
      if (c.members().contains(to)) {
        views.get(node).put(c.group(), c.members());
      }
      return;
    }
    CpgEvent.Deliver d = (CpgEvent.Deliver) e;
    long id = ByteBuffer.wrap(d.payload()).getLong(12);
    if (seen.put(List.of(to, id), true) != null) {
      throw new AssertionError(to + " got group message " + id + " twice");
    }
    List<ProcessId> view = views.get(node).get(d.group());
    if (view == null || !view.contains(to)) {
      throw new AssertionError(
          to + " got a message of group " + d.group() + " it was not told it had joined");
    }
    List<Object> key = List.of(config.get(node), id);
    List<ProcessId> other = viewAtDelivery.putIfAbsent(key, view);
    if (other != null && !other.equals(view)) {
      throw new AssertionError(
          "group virtual synchrony broken: message "
              + id
              + " of "
              + d.group()
              + " delivered in "
              + config.get(node)
              + " to members "
              + view
              + " on node "
              + node
              + " but to "
              + other
              + " elsewhere");
    }
  }
}
