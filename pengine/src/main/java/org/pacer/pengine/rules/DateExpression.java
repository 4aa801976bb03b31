package org.pacer.pengine.rules;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.Map;

/**
 * {@code <date_expression>}: gt (after start), lt (before end), in_range (between start and end, or
 * start plus a duration) or date_spec (cron-like field ranges). Dates are parsed when the CIB is
 * unpacked, so a bad date is reported once, by id.
 */
public record DateExpression(
    String id,
    String operation,
    LocalDateTime start,
    LocalDateTime end,
    Map<String, String> duration,
    Map<String, String> spec)
    implements Expression {

  @Override
  public boolean test(RuleContext ctx) {
    LocalDateTime now = ctx.now();
    switch (operation) {
      case "gt":
        return start != null && now.isAfter(start);
      case "lt":
        return end != null && now.isBefore(end);
      case "in_range":
        {
          LocalDateTime e = end;
          if (e == null && duration != null && start != null) {
            e = plusDuration(start);
          }
          if (start != null && now.isBefore(start)) {
            return false;
          }
          return e == null || !now.isAfter(e);
        }
      case "date_spec":
        return spec != null && specMatches(now);
      default:
        return false;
    }
  }

  private LocalDateTime plusDuration(LocalDateTime t) {
    LocalDateTime r = t;
    String[] names = {"years", "months", "weeks", "days", "hours", "minutes", "seconds"};
    ChronoUnit[] units = {
      ChronoUnit.YEARS,
      ChronoUnit.MONTHS,
      ChronoUnit.WEEKS,
      ChronoUnit.DAYS,
      ChronoUnit.HOURS,
      ChronoUnit.MINUTES,
      ChronoUnit.SECONDS
    };
    for (int i = 0; i < names.length; i++) {
      String v = duration.get(names[i]);
      if (v != null) {
        r = r.plus(Long.parseLong(v.trim()), units[i]);
      }
    }
    return r;
  }

  private boolean specMatches(LocalDateTime now) {
    return in("years", now.getYear())
        && in("months", now.getMonthValue())
        && in("monthdays", now.getDayOfMonth())
        && in("weekdays", now.getDayOfWeek().getValue())
        && in("yeardays", now.getDayOfYear())
        && in("weeks", now.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR))
        && in("weekyears", now.get(IsoFields.WEEK_BASED_YEAR))
        && in("hours", now.getHour())
        && in("minutes", now.getMinute())
        && in("seconds", now.getSecond());
  }

  private boolean in(String field, int value) {
    String range = spec.get(field);
    if (range == null) {
      return true;
    }
    return inRange(range, value);
  }

  /** Whether value lies in "N", "N-M", "N-" or "-M". */
  static boolean inRange(String range, int value) {
    String r = range.trim();
    int dash = r.indexOf('-', 1);
    if (dash < 0) {
      return Integer.parseInt(r) == value;
    }
    String lo = r.substring(0, dash).trim();
    String hi = r.substring(dash + 1).trim();
    return (lo.isEmpty() || value >= Integer.parseInt(lo))
        && (hi.isEmpty() || value <= Integer.parseInt(hi));
  }
}
