package org.pacer.pengine.rules;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the ISO 8601 forms that CIB dates use ("2005-001", "2005-W01-1", "2019-09-20 15:10:52
 * +00:00", "2019-09-20T15:10:52Z", epoch seconds) into UTC, and durations ("P1Y2M", "PT30S").
 */
public final class CibTime {
  private static final Pattern DATE =
      Pattern.compile(
          "(\\d{4})(?:-(?:(\\d{2})-(\\d{2})|W(\\d{2})(?:-(\\d))?|(\\d{3})))?"
              + "(?:[ T](\\d{1,2})(?::(\\d{2})(?::(\\d{2}))?)?)?"
              + "\\s*(Z|[+-]\\d{2}(?::?\\d{2})?)?");

  /** ISO 8601 durations, leniently: Pacemaker accepts "P10S" for "PT10S". */
  private static final Pattern DURATION =
      Pattern.compile(
          "P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)W)?(?:(\\d+)D)?"
              + "T?(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?");

  private CibTime() {}

  /**
   * Parses a date/time into UTC.
   *
   * @throws IllegalArgumentException naming the text when it is not a date
   */
  public static LocalDateTime parse(String text) {
    String t = text.trim();
    if (t.matches("\\d{9,}")) {
      return LocalDateTime.ofEpochSecond(Long.parseLong(t), 0, ZoneOffset.UTC);
    }
    Matcher m = DATE.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a date: '" + text + "'");
    }
    try {
      int year = Integer.parseInt(m.group(1));
      LocalDate date;
      if (m.group(2) != null) {
        date = LocalDate.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
      } else if (m.group(4) != null) {
        int day = m.group(5) == null ? 1 : Integer.parseInt(m.group(5));
        date =
            LocalDate.of(year, 1, 4)
                .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, Integer.parseInt(m.group(4)))
                .with(java.time.temporal.ChronoField.DAY_OF_WEEK, day);
      } else if (m.group(6) != null) {
        date = LocalDate.ofYearDay(year, Integer.parseInt(m.group(6)));
      } else {
        date = LocalDate.of(year, 1, 1);
      }
      LocalTime time = LocalTime.MIDNIGHT;
      if (m.group(7) != null) {
        int h = Integer.parseInt(m.group(7));
        int min = m.group(8) == null ? 0 : Integer.parseInt(m.group(8));
        int s = m.group(9) == null ? 0 : Integer.parseInt(m.group(9));
        if (h == 24 && min == 0 && s == 0) {
          date = date.plusDays(1);
          h = 0;
        }
        time = LocalTime.of(h, min, s);
      }
      LocalDateTime local = LocalDateTime.of(date, time);
      String zone = m.group(10);
      if (zone != null && !zone.equals("Z")) {
        ZoneOffset off = ZoneOffset.of(zone.length() == 3 ? zone + ":00" : zone);
        local = local.minusSeconds(off.getTotalSeconds());
      }
      return local;
    } catch (DateTimeException | NumberFormatException e) {
      throw new IllegalArgumentException("not a date: '" + text + "': " + e.getMessage());
    }
  }

  /**
   * Adds an ISO 8601 duration ("P1DT2H") to a time.
   *
   * @throws IllegalArgumentException when the text is not a duration
   */
  public static LocalDateTime plus(LocalDateTime t, String duration) {
    Matcher m = duration(duration);
    ChronoUnit[] units = {
      ChronoUnit.YEARS,
      ChronoUnit.MONTHS,
      ChronoUnit.WEEKS,
      ChronoUnit.DAYS,
      ChronoUnit.HOURS,
      ChronoUnit.MINUTES,
      ChronoUnit.SECONDS
    };
    LocalDateTime r = t;
    for (int i = 0; i < units.length; i++) {
      if (m.group(i + 1) != null) {
        r = r.plus(Long.parseLong(m.group(i + 1)), units[i]);
      }
    }
    return r;
  }

  /**
   * An ISO 8601 duration in milliseconds, months as 30 days and years as 365 (for intervals and
   * timeouts, where calendar arithmetic does not apply).
   *
   * @throws IllegalArgumentException when the text is not a duration
   */
  public static long durationMs(String duration) {
    Matcher m = duration(duration);
    long[] ms = {
      365L * 86_400_000, 30L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000
    };
    long total = 0;
    for (int i = 0; i < ms.length; i++) {
      if (m.group(i + 1) != null) {
        total += Long.parseLong(m.group(i + 1)) * ms[i];
      }
    }
    return total;
  }

  private static Matcher duration(String text) {
    String t = text.trim().toUpperCase(java.util.Locale.ROOT);
    Matcher m = DURATION.matcher(t);
    if (!m.matches() || t.equals("P") || t.equals("PT")) {
      throw new IllegalArgumentException("not a duration: '" + text + "'");
    }
    return m;
  }

  /** Seconds since the epoch of a UTC time. */
  public static long epoch(LocalDateTime t) {
    return t.toEpochSecond(ZoneOffset.UTC);
  }

  /** Formats like crm_simulate prints dates ("Wed Nov 25 11:18:52 2026"). */
  public static String display(LocalDateTime t) {
    return t.format(
        java.time.format.DateTimeFormatter.ofPattern(
            "EEE MMM d HH:mm:ss yyyy", java.util.Locale.US));
  }
}
