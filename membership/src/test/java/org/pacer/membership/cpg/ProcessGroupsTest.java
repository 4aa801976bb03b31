package org.pacer.membership.cpg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pacer.membership.totem.RingId;
import org.pacer.membership.totem.TotemEffect.ConfigChange;

/** Two nodes' process groups fed one agreed stream by hand. */
class ProcessGroupsTest {

  /** Delivers every submitted message to both nodes in submission order (a perfect ring). */
  static final class Stream {
    final ProcessGroups[] nodes = {new ProcessGroups(1), new ProcessGroups(2)};
    final List<List<CpgEvent>> events = List.of(new ArrayList<>(), new ArrayList<>());
    final List<Object[]> pending = new ArrayList<>();

    void take(int node, List<CpgOutput> out) {
      for (CpgOutput o : out) {
        if (o instanceof CpgOutput.Submit s) {
          pending.add(new Object[] {node, s.message()});
        } else if (o instanceof CpgOutput.ToClient c) {
          events.get(c.member().node() - 1).add(c.event());
        }
      }
    }

    void flush() {
      while (!pending.isEmpty()) {
        Object[] m = pending.remove(0);
        for (int n = 1; n <= 2; n++) {
          take(n, nodes[n - 1].onDeliver((int) m[0], (byte[]) m[1]));
        }
      }
    }

    void ring(long seq, List<Integer> members) {
      RingId r = new RingId(seq, members.get(0));
      for (int n : members) {
        take(
            n,
            nodes[n - 1].onConfigChange(
                new ConfigChange(true, r, List.of(n), List.of(), List.of())));
        take(
            n,
            nodes[n - 1].onConfigChange(new ConfigChange(false, r, members, List.of(), List.of())));
      }
      flush();
    }
  }

  @Test
  void joinSendLeaveInOneOrderEverywhere() {
    Stream s = new Stream();
    s.ring(4, List.of(1, 2));
    s.take(1, s.nodes[0].join("g", 10));
    s.take(2, s.nodes[1].join("g", 20));
    s.flush();
    s.take(1, s.nodes[0].send("g", 10, "a".getBytes()));
    s.take(2, s.nodes[1].send("g", 20, "b".getBytes()));
    s.flush();
    List<ProcessId> both = List.of(new ProcessId(1, 10), new ProcessId(2, 20));
    assertEquals(both, s.nodes[0].members("g"));
    assertEquals(both, s.nodes[1].members("g"));
    List<String> seen1 = delivered(s.events.get(0));
    assertEquals(List.of("a", "b"), seen1);
    assertEquals(seen1, delivered(s.events.get(1)));
    assertThrows(IllegalStateException.class, () -> s.nodes[0].send("g", 99, new byte[0]));

    s.take(2, s.nodes[1].clientGone(20));
    s.flush();
    CpgEvent.ConfChg last = (CpgEvent.ConfChg) s.events.get(0).get(s.events.get(0).size() - 1);
    assertEquals(List.of(new ProcessId(1, 10)), last.members());
    assertEquals(CpgEvent.Reason.PROCDOWN, last.left().get(0).reason());
  }

  @Test
  void aNodeThatLeavesTakesItsMembersAndAMergeBringsThemBack() {
    Stream s = new Stream();
    s.ring(4, List.of(1, 2));
    s.take(1, s.nodes[0].join("g", 10));
    s.take(2, s.nodes[1].join("g", 20));
    s.flush();
    // Node 2 drops out: node 1 sees its member leave with nodedown.
    RingId alone = new RingId(8, 1);
    s.take(
        1,
        s.nodes[0].onConfigChange(
            new ConfigChange(true, alone, List.of(1), List.of(2), List.of())));
    s.take(
        1,
        s.nodes[0].onConfigChange(
            new ConfigChange(false, alone, List.of(1), List.of(2), List.of())));
    s.pending.removeIf(m -> true);
    assertEquals(List.of(new ProcessId(1, 10)), s.nodes[0].members("g"));
    CpgEvent.ConfChg down = (CpgEvent.ConfChg) s.events.get(0).get(s.events.get(0).size() - 1);
    assertEquals(CpgEvent.Reason.NODEDOWN, down.left().get(0).reason());
    // They merge again: after the syncs both know both members.
    s.ring(12, List.of(1, 2));
    List<ProcessId> both = List.of(new ProcessId(1, 10), new ProcessId(2, 20));
    assertEquals(both, s.nodes[0].members("g"));
    assertEquals(both, s.nodes[1].members("g"));
    assertTrue(!s.nodes[0].syncing() && !s.nodes[1].syncing());
  }

  static List<String> delivered(List<CpgEvent> events) {
    List<String> out = new ArrayList<>();
    for (CpgEvent e : events) {
      if (e instanceof CpgEvent.Deliver d) {
        out.add(new String(d.payload()));
      }
    }
    return out;
  }
}
