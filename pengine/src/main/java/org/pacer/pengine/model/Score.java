package org.pacer.pengine.model;

/**
 * Pacemaker score arithmetic: integers clamped to ±INFINITY (1000000), where -INFINITY wins over
 * +INFINITY when the two meet (a ban beats a requirement).
 */
public final class Score {
  public static final int INFINITY = 1_000_000;
  public static final int MINUS_INFINITY = -INFINITY;

  private Score() {}

  /** Adds two scores the way constraint scores combine. */
  public static int add(int a, int b) {
    if (a <= MINUS_INFINITY || b <= MINUS_INFINITY) {
      return MINUS_INFINITY;
    }
    if (a >= INFINITY || b >= INFINITY) {
      return INFINITY;
    }
    long sum = (long) a + b;
    if (sum >= INFINITY) {
      return INFINITY;
    }
    if (sum <= MINUS_INFINITY) {
      return MINUS_INFINITY;
    }
    return (int) sum;
  }

  /**
   * Parses a score: an integer, {@code INFINITY}, {@code +INFINITY}, {@code -INFINITY}, or the role
   * names Pacemaker accepts as scores ({@code red}, {@code yellow}, {@code green}).
   *
   * @throws IllegalArgumentException when the text is none of these
   */
  public static int parse(String text) {
    String t = text.trim();
    switch (t.toLowerCase(java.util.Locale.ROOT)) {
      case "infinity":
      case "+infinity":
        return INFINITY;
      case "-infinity":
        return MINUS_INFINITY;
      default:
        break;
    }
    try {
      long v = Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
      return (int) Math.max(MINUS_INFINITY, Math.min(INFINITY, v));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a score: '" + text + "'");
    }
  }

  /** Like {@link #parse} but returns {@code fallback} for text that is not a score. */
  public static int parseOr(String text, int fallback) {
    if (text == null) {
      return fallback;
    }
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      return fallback;
    }
  }

  /** Formats a score as Pacemaker prints it. */
  public static String format(int score) {
    if (score >= INFINITY) {
      return "INFINITY";
    }
    if (score <= MINUS_INFINITY) {
      return "-INFINITY";
    }
    return Integer.toString(score);
  }
}
