package org.pacer.lrmd.agent;

/** Finds the reason an OCF agent gave for its result in what it printed on stderr. */
public final class ExitReasons {

  /** The prefix agents print before the reason (exported to them as OCF_EXIT_REASON_PREFIX). */
  public static final String PREFIX = "ocf-exit-reason:";

  /** Longer reasons are cut: they end up in the CIB status section and in every log line. */
  public static final int MAX_LENGTH = 512;

  private ExitReasons() {}

  /**
   * The text after the last {@code ocf-exit-reason:} at the start of a line, or "" if none. The
   * last one wins because an agent that gives several refines its reason as it goes.
   */
  public static String parse(String stderr) {
    String found = "";
    int from = 0;
    while (from <= stderr.length()) {
      int end = stderr.indexOf('\n', from);
      String line = end < 0 ? stderr.substring(from) : stderr.substring(from, end);
      if (line.startsWith(PREFIX)) {
        found = line.substring(PREFIX.length()).strip();
      }
      if (end < 0) {
        break;
      }
      from = end + 1;
    }
    return found.length() > MAX_LENGTH ? found.substring(0, MAX_LENGTH) : found;
  }
}
