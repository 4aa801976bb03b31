package org.pacer.cli.configure.live;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.pacer.crmd.tools.ToolResult;

/**
 * {@code crm status}: crm_mon's one-shot view with inactive resources ({@code crm_mon -1 -r}, what
 * crmsh runs), computed by the controller's crm_mon (or by the same code on a CIB file). crmsh's
 * option words map to crm_mon's options, which say themselves what they do not support.
 */
public final class StatusView {
  private final ClusterAccess access;

  public StatusView(ClusterAccess access) {
    this.access = access;
  }

  private static final String GREEN = "\033[32m";
  private static final String RED = "\033[31m";
  private static final String YELLOW = "\033[33m";
  private static final String BOLD = "\033[1m";
  private static final String RESET = "\033[0m";

  /** States in colour: running green, failed or down red, standby and maintenance yellow. */
  static String paint(String text) {
    StringBuilder b = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      String l = line;
      if (!l.startsWith(" ") && l.endsWith(":")) {
        l = BOLD + l + RESET;
      }
      l = l.replaceAll("\\b(Started|Promoted|Online)\\b", GREEN + "$1" + RESET);
      l = l.replaceAll("\\b(FAILED|OFFLINE|UNCLEAN|Stopped|WITHOUT)\\b", RED + "$1" + RESET);
      l = l.replaceAll("\\b(standby|maintenance|unmanaged|blocked)\\b", YELLOW + "$1" + RESET);
      b.append(l).append('\n');
    }
    return b.substring(0, b.length() - 1);
  }

  /** crm_mon's arguments for crmsh's {@code status [option ...]} words. */
  static List<String> crmMonArgs(List<String> words) {
    List<String> args = new ArrayList<>(List.of("-1", "-r"));
    for (String w : words) {
      switch (w) {
        case "inactive" -> {} // crm status always lists inactive resources
        case "bynode" -> args.add("--group-by-node");
        case "ops" -> args.add("--operations");
        case "timing" -> args.add("--timing-details");
        case "failcounts" -> args.add("--failcounts");
        case "verbose" -> args.add("-V");
        case "quiet" -> args.add("-Q");
        case "html" -> args.add("--output-as=html");
        case "xml" -> args.add("--output-as=xml");
        case "json" -> args.add("--output-as=json");
        case "simple" -> args.add("--simple-status");
        case "tickets" -> args.add("--tickets");
        case "noheaders" -> args.add("--exclude=summary");
        case "detail" -> args.add("--show-detail");
        case "brief" -> args.add("--brief");
        case "full" -> args.addAll(List.of("--group-by-node", "--operations", "--failcounts"));
        default -> args.add(w); // crm_mon's own options (--output-as=xml, ...) pass through
      }
    }
    return args;
  }

  /** Colour the states (a terminal that wants it: not dumb, no NO_COLOR). */
  private boolean colour;

  public StatusView colour(boolean on) {
    this.colour = on;
    return this;
  }

  /**
   * {@code status [options] --watch[=SECONDS] [--iterations=N]}: the view again every SECONDS
   * (default 5), the screen cleared between, until interrupted or after N views; otherwise once.
   */
  public int run(List<String> words, PrintWriter out, PrintWriter err) {
    List<String> rest = new ArrayList<>();
    long seconds = 0;
    long iterations = Long.MAX_VALUE;
    for (String w : words) {
      try {
        if (w.equals("--watch") || w.equals("watch")) {
          seconds = 5;
        } else if (w.startsWith("--watch=")) {
          seconds = Long.parseLong(w.substring(8));
        } else if (w.startsWith("--iterations=")) {
          iterations = Long.parseLong(w.substring(13));
        } else {
          rest.add(w);
        }
      } catch (NumberFormatException e) {
        err.println("ERROR: status: " + w + " needs a number");
        err.flush();
        return 64;
      }
    }
    if (seconds <= 0) {
      return show(rest, out, err);
    }
    int rc = 0;
    for (long i = 0; i < iterations; i++) {
      if (i > 0) {
        try {
          Thread.sleep(seconds * 1000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      if (colour) {
        out.print("\033[H\033[2J"); // home, clear screen
      }
      rc = show(rest, out, err);
    }
    return rc;
  }

  /** Prints the status once (crm_mon's text, XML or JSON); returns crm_mon's exit code. */
  public int show(List<String> words, PrintWriter out, PrintWriter err) {
    List<String> args = crmMonArgs(words);
    ToolResult r = access.tool("crm_mon", args);
    boolean plain =
        args.stream()
            .noneMatch(
                a ->
                    a.startsWith("--output-as") && !a.equals("--output-as=text")
                        || a.equals("--as-xml")
                        || a.equals("-X"));
    out.print(colour && plain ? paint(r.stdout()) : r.stdout());
    err.print(r.stderr());
    out.flush();
    err.flush();
    return r.exitCode();
  }
}
