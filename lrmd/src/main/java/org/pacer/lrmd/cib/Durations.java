package org.pacer.lrmd.cib;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pacemaker's interval and timeout values: a number with an optional unit (ms, msec, s, sec, m,
 * min, h, hr; seconds when none), or an ISO 8601 duration such as {@code PT20S}.
 */
public final class Durations {

  private static final Pattern NUMBER_UNIT = Pattern.compile("\\s*(\\d+)\\s*([a-zA-Z]*)\\s*");

  private Durations() {}

  /**
   * Milliseconds of {@code text}.
   *
   * @throws IllegalArgumentException naming the value when it is not a duration
   */
  public static long millis(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty duration");
    }
    String trimmed = text.strip();
    if (trimmed.startsWith("P") || trimmed.startsWith("p")) {
      try {
        return Duration.parse(trimmed.toUpperCase(Locale.ROOT)).toMillis();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("'" + text + "' is not an ISO 8601 duration");
      }
    }
    Matcher m = NUMBER_UNIT.matcher(trimmed);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration (like 20s, 500ms, 2min)");
    }
    long value = Long.parseLong(m.group(1));
    return switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "ms", "msec" -> value;
      case "", "s", "sec" -> value * 1000;
      case "m", "min" -> value * 60_000;
      case "h", "hr" -> value * 3_600_000;
      default ->
          throw new IllegalArgumentException(
              "'" + text + "' has an unknown unit '" + m.group(2) + "' (ms, s, min, h)");
    };
  }
}
