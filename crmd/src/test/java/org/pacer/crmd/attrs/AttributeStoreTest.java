package org.pacer.crmd.attrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pacer.crmd.message.CrmdMessage.AttrSync;
import org.pacer.crmd.message.CrmdMessage.AttrUpdate;

class AttributeStoreTest {

  private static AttrUpdate set(String node, String name, String value) {
    return new AttrUpdate(node, name, value, null, null, false);
  }

  @Test
  void incrementsExpandInOrderAndSaturate() {
    AttributeStore s = new AttributeStore();
    s.apply(set("n1", "fail-count-web#monitor_10000", "fail-count-web#monitor_10000++"));
    s.apply(set("n1", "fail-count-web#monitor_10000", "fail-count-web#monitor_10000++"));
    assertEquals("2", s.value("n1", "fail-count-web#monitor_10000"));
    s.apply(set("n1", "x", "value+=5"));
    assertEquals("5", s.value("n1", "x"));
    s.apply(set("n1", "x", "x+=INFINITY"));
    assertEquals("INFINITY", s.value("n1", "x"));
    s.apply(set("n1", "y", "hello"));
    assertEquals("hello", s.value("n1", "y"));
  }

  @Test
  void emptyValueUnsetsAndDampeningIsKept() {
    AttributeStore s = new AttributeStore();
    s.apply(new AttrUpdate("n1", "ping", "100", 5000L, null, false));
    AttributeStore.Change c = s.apply(set("n1", "ping", "200"));
    assertEquals(5000, c.state().dampenMs());
    s.apply(set("n1", "ping", ""));
    assertNull(s.value("n1", "ping"));
    assertNull(s.apply(set("n1", "ping", "")), "no change, no event");
  }

  /**
   * Two replicas that diverged (a partition) align after a view change: each node's own attributes
   * come from that node, and updates delivered between the view change and the sync are replayed on
   * top, on both replicas alike.
   */
  @Test
  void replicasAlignAfterAViewChange() {
    AttributeStore a = new AttributeStore();
    AttributeStore b = new AttributeStore();
    a.apply(set("n1", "role", "a-side"));
    b.apply(set("n1", "role", "stale"));
    b.apply(set("n2", "score", "7"));
    a.apply(set("n2", "score", "stale"));

    AttrSync syncA = a.viewChanged(9, List.of("n1", "n2"), "n1");
    AttrSync syncB = b.viewChanged(9, List.of("n1", "n2"), "n2");
    // In the group's order: an update, then the two syncs, then another update.
    AttrUpdate early = set("n1", "extra", "1");
    AttrUpdate late = set("n2", "score", "score+=1");
    for (AttributeStore s : List.of(a, b)) {
      s.apply(early);
      s.applySync(syncA);
      s.applySync(syncB);
      s.apply(late);
    }
    assertEquals(a.attributes("n1"), b.attributes("n1"));
    assertEquals(a.attributes("n2"), b.attributes("n2"));
    assertEquals("a-side", a.value("n1", "role"));
    assertEquals("1", a.value("n1", "extra"));
    assertEquals("8", b.value("n2", "score"));
  }

  @Test
  void nodesThatLeaveLoseTheirAttributes() {
    AttributeStore s = new AttributeStore();
    s.apply(set("n3", "x", "1"));
    s.viewChanged(2, List.of("n1"), "n1");
    assertEquals(Map.of(), s.attributes("n3"));
  }

  @Test
  void scores() {
    assertEquals(1_000_000L, AttributeStore.score("INFINITY"));
    assertEquals(-1_000_000L, AttributeStore.score("-INFINITY"));
    assertEquals(1_000_000L, AttributeStore.score("5000000"));
    assertNull(AttributeStore.score("lots"));
  }
}
