package org.pacer.pengine.conformance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Compares the Transition Summary blocks of two crm_simulate outputs the way the corpus's
 * compare_summary.py does: lines starting with "*", whitespace-normalised, as multisets.
 */
public final class SummaryComparison {
  private static final String[][] ROLE_REWRITES = {
    {"ocf::", "ocf:"},
    {"Masters:", "Promoted:"},
    {"Slaves:", "Unpromoted:"},
    {" Master( |\\[|$)", " Promoted$1"},
    {" Slave( |$)", " Unpromoted$1"},
  };
  private static final Pattern OPEN = Pattern.compile("\\(\\s*");
  private static final Pattern CLOSE = Pattern.compile("\\s*\\)");

  private SummaryComparison() {}

  /** The normalised summary lines, or null when the text has no Transition Summary block. */
  public static List<String> transitionLines(String text) {
    List<String> out = null;
    for (String raw : text.split("\n", -1)) {
      String s = raw.strip();
      if (isHeader(s)) {
        out = s.equals("Transition Summary:") ? new ArrayList<>() : (out == null ? null : out);
        if (!s.equals("Transition Summary:") && out != null) {
          return out;
        }
        continue;
      }
      if (out != null && s.startsWith("*")) {
        out.add(canon(s));
      }
    }
    return out;
  }

  private static boolean isHeader(String s) {
    return switch (s) {
      case "Current cluster status:",
          "Transition Summary:",
          "Executing Cluster Transition:",
          "Executing cluster transition:",
          "Revised Cluster Status:",
          "Revised cluster status:" ->
          true;
      default -> false;
    };
  }

  static String canon(String line) {
    String l = line;
    for (String[] r : ROLE_REWRITES) {
      l = l.replaceAll(r[0], r[1]);
    }
    l = String.join(" ", l.trim().split("\\s+"));
    l = OPEN.matcher(l).replaceAll("( ");
    l = CLOSE.matcher(l).replaceAll(" )");
    return l;
  }

  /** Lines expected but missing (prefixed "- ") and produced but unexpected ("+ "). */
  public static List<String> diff(List<String> expected, List<String> actual) {
    Map<String, Integer> count = new HashMap<>();
    for (String e : expected) {
      count.merge(e, 1, Integer::sum);
    }
    List<String> extra = new ArrayList<>();
    for (String a : actual) {
      Integer n = count.get(a);
      if (n == null || n == 0) {
        extra.add("+ " + a);
      } else {
        count.put(a, n - 1);
      }
    }
    List<String> out = new ArrayList<>();
    for (String e : expected) {
      Integer n = count.get(e);
      if (n != null && n > 0) {
        out.add("- " + e);
        count.put(e, n - 1);
      }
    }
    out.sort(String::compareTo);
    extra.sort(String::compareTo);
    out.addAll(extra);
    return out;
  }
}
