package org.pacer.cli.configure.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The words after the resource in {@code move}/{@code ban}: an optional node, an optional lifetime
 * (ISO 8601 duration: {@code PT10M}, {@code P1D}, {@code P1DT12H}), and {@code force}.
 *
 * @param until when the constraint ends, as Pacemaker writes it ({@code 2026-11-25 16:07:56Z}), or
 *     null for no lifetime
 */
record MoveArgs(String node, String until, boolean force) {
  private static final DateTimeFormatter END =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT);

  static MoveArgs parse(List<String> words, Clock clock) throws EditException {
    String node = null;
    String until = null;
    boolean force = false;
    for (String w : words) {
      if (w.equals("force")) {
        force = true;
      } else if (w.matches("P(\\d+[YMWD])*(T(\\d+(\\.\\d+)?[HMS])+)?") && w.length() > 1) {
        until =
            END.format(
                ZonedDateTime.now(clock)
                    .withZoneSameInstant(ZoneOffset.UTC)
                    .plus(period(w))
                    .plus(time(w)));
      } else if (node == null) {
        node = w;
      } else {
        throw new EditException(
            "unexpected \"" + w + "\"; expected [NODE] [LIFETIME such as PT1H] [force]");
      }
    }
    return new MoveArgs(node, until, force);
  }

  private static Period period(String w) throws EditException {
    int t = w.indexOf('T');
    String date = t < 0 ? w : w.substring(0, t);
    try {
      return date.equals("P") ? Period.ZERO : Period.parse(date);
    } catch (DateTimeParseException e) {
      throw bad(w);
    }
  }

  private static Duration time(String w) throws EditException {
    int t = w.indexOf('T');
    if (t < 0) {
      return Duration.ZERO;
    }
    try {
      return Duration.parse("PT" + w.substring(t + 1));
    } catch (DateTimeParseException e) {
      throw bad(w);
    }
  }

  private static EditException bad(String w) {
    return new EditException(
        "\""
            + w
            + "\" is not a lifetime; expected an ISO 8601 duration such as PT10M, PT1H or P1D");
  }
}
