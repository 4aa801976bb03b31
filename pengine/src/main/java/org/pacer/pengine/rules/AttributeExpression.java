package org.pacer.pengine.rules;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code <expression attribute= operation= value= type=>}: compares a node attribute (or a resource
 * parameter/meta attribute named by value-source) with a value.
 */
public record AttributeExpression(
    String id, String attribute, String operation, String value, String type, String valueSource)
    implements Expression {

  private static final Pattern LEADING_INTEGER = Pattern.compile("^\\s*([+-]?\\d+)");

  @Override
  public boolean test(RuleContext ctx) {
    Map<String, String> attrs = ctx.nodeAttributes();
    String actual = attrs == null ? null : attrs.get(attribute);
    switch (operation) {
      case "defined":
        return actual != null;
      case "not_defined":
        return actual == null;
      default:
        break;
    }
    String expected = value;
    if ("param".equals(valueSource)) {
      expected = ctx.params() == null ? null : ctx.params().get(value);
    } else if ("meta".equals(valueSource)) {
      expected = ctx.meta() == null ? null : ctx.meta().get(value);
    }
    if (actual == null || expected == null) {
      // A comparison with a missing side is false, except "ne" which then holds.
      return "ne".equals(operation) && (actual != null || expected != null);
    }
    int cmp = compare(actual, expected);
    return switch (operation) {
      case "eq" -> cmp == 0;
      case "ne" -> cmp != 0;
      case "lt" -> cmp < 0;
      case "lte" -> cmp <= 0;
      case "gt" -> cmp > 0;
      case "gte" -> cmp >= 0;
      default -> false;
    };
  }

  private int compare(String a, String b) {
    String t = type;
    if (t == null) {
      boolean ordering = !operation.equals("eq") && !operation.equals("ne");
      t = ordering && isNumber(a) && isNumber(b) ? "number" : "string";
    }
    switch (t) {
      case "integer":
        {
          Long x = leadingInteger(a);
          Long y = leadingInteger(b);
          if (x != null && y != null) {
            return Long.compare(x, y);
          }
          return a.compareTo(b);
        }
      case "number":
        try {
          return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        } catch (NumberFormatException e) {
          return a.compareTo(b);
        }
      case "version":
        return compareVersions(a, b);
      default:
        return "eq".equals(operation) || "ne".equals(operation)
            ? a.compareToIgnoreCase(b)
            : a.compareTo(b);
    }
  }

  /** Integer comparison truncates like strtoll: "3.6" compares as 3. */
  private static Long leadingInteger(String s) {
    Matcher m = LEADING_INTEGER.matcher(s);
    if (!m.find()) {
      return null;
    }
    try {
      return Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      long u = i < x.length ? parseLong(x[i]) : 0;
      long v = i < y.length ? parseLong(y[i]) : 0;
      if (u != v) {
        return Long.compare(u, v);
      }
    }
    return 0;
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
