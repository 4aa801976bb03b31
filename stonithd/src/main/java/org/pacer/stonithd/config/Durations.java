package org.pacer.stonithd.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pacemaker's time values: a number with an optional unit (ms, msec, us, usec, s, sec, m, min, h,
 * hr); no unit means seconds. Used by every pcmk_*_timeout, pcmk_delay_* and cluster option.
 */
public final class Durations {

  private static final Pattern VALUE = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]*)\\s*");

  private Durations() {}

  /**
   * @throws IllegalArgumentException naming the value and what is wrong with it
   */
  public static Duration parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("no time value");
    }
    Matcher m = VALUE.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a time value (a number with an optional unit: ms, s, m, h)");
    }
    double number = Double.parseDouble(m.group(1));
    double millis =
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
          case "", "s", "sec", "secs" -> number * 1000;
          case "ms", "msec", "msecs" -> number;
          case "us", "usec", "usecs" -> number / 1000;
          case "m", "min", "mins" -> number * 60_000;
          case "h", "hr", "hrs" -> number * 3_600_000;
          default ->
              throw new IllegalArgumentException(
                  "'" + text + "' has an unknown time unit '" + m.group(2) + "'");
        };
    return Duration.ofMillis(Math.round(millis));
  }

  /** Pacemaker's way of printing a duration back: whole seconds as "Ns", otherwise "Nms". */
  public static String format(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
  }
}
