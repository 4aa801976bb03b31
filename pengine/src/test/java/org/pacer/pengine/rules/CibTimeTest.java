package org.pacer.pengine.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class CibTimeTest {
  @Test
  void parsesTheFormsCibsUse() {
    assertEquals(LocalDateTime.of(2005, 1, 1, 0, 0), CibTime.parse("2005-001"));
    assertEquals(
        LocalDateTime.of(2019, 9, 20, 15, 10, 52), CibTime.parse("2019-09-20 15:10:52 +00:00"));
    assertEquals(
        LocalDateTime.of(2019, 9, 20, 13, 10, 52), CibTime.parse("2019-09-20 15:10:52 +02:00"));
    assertEquals(LocalDateTime.of(2009, 5, 26, 12, 0), CibTime.parse("2009-05-26T12:00:00Z"));
    assertEquals(LocalDateTime.of(2005, 1, 3, 0, 0), CibTime.parse("2005-W01-1"));
    assertEquals(LocalDateTime.of(2015, 8, 12, 2, 53, 40), CibTime.parse("1439348020"));
  }

  @Test
  void rejectsNonsense() {
    assertThrows(IllegalArgumentException.class, () -> CibTime.parse("yesterday"));
    assertThrows(IllegalArgumentException.class, () -> CibTime.parse("2005-13-40"));
  }

  @Test
  void dateSpecRanges() {
    assertEquals(true, DateExpression.inRange("9-17", 12));
    assertEquals(false, DateExpression.inRange("9-17", 18));
    assertEquals(true, DateExpression.inRange("12", 12));
  }

  @Test
  void durationsAsIntervalsAndAsCalendarSteps() {
    assertEquals(90_000, CibTime.durationMs("PT1M30S"));
    assertEquals(10_000, CibTime.durationMs("P10S")); // lenient, as Pacemaker
    assertEquals(30L * 86_400_000, CibTime.durationMs("P1M"));
    assertEquals(60_000, CibTime.durationMs("pt1m"));
    assertEquals(
        LocalDateTime.of(2005, 2, 1, 2, 0),
        CibTime.plus(LocalDateTime.of(2005, 1, 1, 0, 0), "P1MT2H"));
    assertThrows(IllegalArgumentException.class, () -> CibTime.durationMs("PT"));
    assertThrows(IllegalArgumentException.class, () -> CibTime.durationMs("P1X"));
    assertEquals(90_000, org.pacer.pengine.model.ClusterOption.parseDurationMs("PT90S"));
    assertEquals(300_000, org.pacer.pengine.model.ClusterOption.parseDurationMs("5m"));
    assertThrows(
        IllegalArgumentException.class,
        () -> org.pacer.pengine.model.ClusterOption.parseDurationMs("Pfive"));
  }
}
