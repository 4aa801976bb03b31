package org.pacer.pengine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ScoreTest {
  @Test
  void minusInfinityWinsOverInfinity() {
    assertEquals(Score.MINUS_INFINITY, Score.add(Score.INFINITY, Score.MINUS_INFINITY));
    assertEquals(Score.MINUS_INFINITY, Score.add(Score.MINUS_INFINITY, Score.INFINITY));
  }

  @Test
  void sumsClampAtInfinity() {
    assertEquals(Score.INFINITY, Score.add(999_999, 5));
    assertEquals(Score.MINUS_INFINITY, Score.add(-999_999, -5));
    assertEquals(7, Score.add(3, 4));
  }

  @Test
  void parsesInfinityForms() {
    assertEquals(Score.INFINITY, Score.parse("INFINITY"));
    assertEquals(Score.INFINITY, Score.parse("+INFINITY"));
    assertEquals(Score.MINUS_INFINITY, Score.parse("-infinity"));
    assertEquals(-20, Score.parse("-20"));
    assertThrows(IllegalArgumentException.class, () -> Score.parse("lots"));
  }

  @Test
  void parsesIntervals() {
    assertEquals(10_000, ClusterOption.parseDurationMs("10s"));
    assertEquals(10_000, ClusterOption.parseDurationMs("P10S"));
    assertEquals(90_000, ClusterOption.parseDurationMs("PT1M30S"));
    assertEquals(300_000, ClusterOption.parseDurationMs("5min"));
    assertEquals(15, ClusterOption.parseDurationMs("15ms"));
    assertEquals(20_000, ClusterOption.parseDurationMs("20"));
    assertThrows(IllegalArgumentException.class, () -> ClusterOption.parseDurationMs("soon"));
  }
}
