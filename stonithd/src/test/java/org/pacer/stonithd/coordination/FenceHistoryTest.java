package org.pacer.stonithd.coordination;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FenceHistoryTest {

  static HistoryEntry entry(String id, FenceState state, long at, String executor) {
    return new HistoryEntry(
        id, "n2", "reboot", executor, "n1", "c", state, "r", List.of(), 0, at, false);
  }

  @Test
  void mergeOrderDoesNotMatter() {
    HistoryEntry failed = entry("op", FenceState.FAILED, 50, "n1");
    HistoryEntry succeeded = entry("op", FenceState.SUCCESS, 10, "n3");
    FenceHistory a = new FenceHistory();
    a.record(failed);
    a.merge(List.of(succeeded));
    FenceHistory b = new FenceHistory();
    b.record(succeeded);
    b.merge(List.of(failed));
    assertEquals(a.entries(), b.entries());
    assertEquals(FenceState.SUCCESS, a.entries().get(0).state());
  }

  @Test
  void boundedAndCleanable() {
    FenceHistory h = new FenceHistory();
    for (int i = 0; i < FenceHistory.LIMIT + 20; i++) {
      h.record(entry("op" + i, FenceState.SUCCESS, i, "n1"));
    }
    assertEquals(FenceHistory.LIMIT, h.size());
    assertEquals("op20", h.entries().get(0).opId());
    assertEquals(FenceHistory.LIMIT, h.cleanup("n2"));
    assertEquals(0, h.size());
  }
}
