package org.pacer.crmd.graph;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Pacemaker's time values: a number with an optional unit ({@code ms}/{@code msec}, {@code
 * us}/{@code usec}, {@code s}/{@code sec}, {@code m}/{@code min}, {@code h}/{@code hr}) or an ISO
 * 8601 duration ({@code PT30S}). A bare number means seconds in configuration and milliseconds in
 * the {@code CRM_meta_*} attributes the scheduler writes, so the caller says which.
 */
public final class TimeSpec {

  private TimeSpec() {}

  /**
   * Parses a time value.
   *
   * @param bareIsMillis whether a number without a unit is milliseconds (else seconds)
   * @throws IllegalArgumentException naming the value when it is not a time
   */
  public static long parseMillis(String value, boolean bareIsMillis) {
    if (value == null) {
      throw new IllegalArgumentException("missing time value");
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.startsWith("p")) {
      try {
        return Duration.parse(v.toUpperCase(Locale.ROOT)).toMillis();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("'" + value + "' is not a valid ISO 8601 duration");
      }
    }
    int split = 0;
    while (split < v.length() && (Character.isDigit(v.charAt(split)) || v.charAt(split) == '-')) {
      split++;
    }
    if (split == 0) {
      throw new IllegalArgumentException("'" + value + "' is not a time value");
    }
    long number;
    try {
      number = Long.parseLong(v.substring(0, split));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + value + "' is not a time value");
    }
    String unit = v.substring(split).trim();
    long factor =
        switch (unit) {
          case "" -> bareIsMillis ? 1 : 1000;
          case "ms", "msec" -> 1;
          case "us", "usec" -> -1;
          case "s", "sec" -> 1000;
          case "m", "min" -> 60_000;
          case "h", "hr" -> 3_600_000;
          default ->
              throw new IllegalArgumentException(
                  "'" + value + "' has unknown time unit '" + unit + "'");
        };
    return factor < 0 ? number / 1000 : number * factor;
  }

  /** Like {@link #parseMillis} but 0 for a value that does not parse. */
  public static long parseMillisOrZero(String value, boolean bareIsMillis) {
    try {
      return parseMillis(value, bareIsMillis);
    } catch (IllegalArgumentException e) {
      return 0;
    }
  }
}
