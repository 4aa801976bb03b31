package org.pacer.cli.configure.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pacer.cli.configure.model.AttrSet;
import org.pacer.cli.configure.model.NvPair;
import org.pacer.cli.configure.model.Rule;
import org.pacer.cli.configure.model.SetKind;

/** Attribute sets ({@code [$id=X] [score:] [rule ...] name=value ...}) and rule expressions. */
final class SetParser {

  private static final Set<String> BINARY =
      Set.of("lt", "gt", "lte", "gte", "eq", "ne", "lt:", "gt:");
  private static final Set<String> UNARY = Set.of("defined", "not_defined");
  private static final Set<String> TYPES = Set.of("string", "number", "version", "integer");
  static final Set<String> DATE_FIELDS =
      Set.of(
          "hours",
          "monthdays",
          "weekdays",
          "yeardays",
          "yearsdays",
          "months",
          "weeks",
          "years",
          "weekyears",
          "moon",
          "minutes",
          "seconds");

  private SetParser() {}

  /** Whether a word is a name=value pair (or a {@code @ref} pair reference). */
  static boolean isPair(Token t) {
    if (t == null) {
      return false;
    }
    String s = t.text();
    if (s.startsWith("@") && s.length() > 1 && !t.quoted()) {
      return true;
    }
    int eq = s.indexOf('=');
    return eq > 0 && !s.startsWith("$id=") && !s.startsWith("$id-ref=");
  }

  static NvPair pair(Token t) {
    String s = t.text();
    if (s.startsWith("@") && s.indexOf('=') < 0) {
      return new NvPair(null, null, null, s.substring(1));
    }
    int eq = s.indexOf('=');
    String name = s.substring(0, eq);
    String value = s.substring(eq + 1);
    String id = null;
    if (name.startsWith("$")) {
      int colon = name.indexOf(':');
      if (colon > 1) {
        id = name.substring(1, colon);
        name = name.substring(colon + 1);
      }
    }
    return new NvPair(name, value, id, null);
  }

  /**
   * An attribute set after its keyword. {@code leadingId} accepts {@code ID:} (property sets)
   * instead of {@code score:} (resource sets).
   */
  static AttrSet attrSet(Cursor c, SetKind kind, boolean leadingId) throws ParseException {
    String id = null;
    String idRef = null;
    String score = null;
    List<Rule> rules = new ArrayList<>();
    List<NvPair> pairs = new ArrayList<>();
    Token t = c.peek();
    if (t != null && t.text().startsWith("$id=")) {
      id = c.next().text().substring(4);
    } else if (t != null && t.text().startsWith("$id-ref=")) {
      idRef = c.next().text().substring(8);
      return new AttrSet(kind, null, idRef, null, rules, pairs);
    } else if (t != null && !t.quoted() && t.text().endsWith(":") && t.text().length() > 1) {
      String v = t.text().substring(0, t.text().length() - 1);
      c.next();
      if (leadingId) {
        id = v;
      } else {
        score = v;
      }
    }
    while (c.peekIs("rule")) {
      c.next();
      rules.add(rule(c, true));
    }
    while (isPair(c.peek())) {
      pairs.add(pair(c.next()));
    }
    if (pairs.isEmpty() && rules.isEmpty() && id == null) {
      throw c.atEnd()
          ? c.error("expected name=value after \"" + kind.keyword() + "\"")
          : c.errorAt(c.peek(), "expected name=value after \"" + kind.keyword() + "\"");
    }
    return new AttrSet(kind, id, idRef, score, rules, pairs);
  }

  /** A rule after the word {@code rule}. {@code scoreOptional}: sets may leave the score out. */
  static Rule rule(Cursor c, boolean scoreOptional) throws ParseException {
    String id = null;
    String role = null;
    String score = null;
    String scoreAttribute = null;
    while (true) {
      Token t = c.peek();
      if (t == null) {
        throw c.error("expected a rule expression");
      }
      if (t.text().startsWith("$id=")) {
        id = c.next().text().substring(4);
      } else if (t.text().startsWith("$id-ref=")) {
        String ref = c.next().text().substring(8);
        return new Rule(null, ref, null, null, null, null, List.of());
      } else if (t.text().startsWith("$role=") || t.text().startsWith("role=")) {
        role = c.next().text().substring(t.text().indexOf('=') + 1);
      } else {
        break;
      }
    }
    Token t = c.peek();
    if (!t.quoted() && t.text().endsWith(":") && t.text().length() > 1) {
      String s = c.next().text();
      s = s.substring(0, s.length() - 1);
      if (isScore(s)) {
        score = normalizeScore(s);
      } else {
        scoreAttribute = s;
      }
    } else if (!scoreOptional) {
      throw c.errorAt(t, "expected a score such as \"100:\" or \"inf:\" after \"rule\"");
    }
    if (score == null && scoreAttribute == null) {
      score = "INFINITY";
    }
    List<Rule.Expression> exprs = new ArrayList<>();
    String boolOp = null;
    exprs.add(expression(c));
    while (c.peekIsAny("and", "or")) {
      String op = c.next().text();
      if (boolOp != null && !boolOp.equals(op)) {
        throw new ParseException(
            c.line(),
            "a rule joins its expressions with one operator; \"and\" and \"or\" cannot be mixed");
      }
      boolOp = op;
      exprs.add(expression(c));
    }
    return new Rule(id, null, score, scoreAttribute, role, boolOp, exprs);
  }

  private static Rule.Expression expression(Cursor c) throws ParseException {
    Token t = c.expect("an expression such as \"#uname eq node1\" or \"defined pingd\"");
    if (t.is("date")) {
      return dateExpression(c);
    }
    if (UNARY.contains(t.text()) && !t.quoted()) {
      Token attr = c.expect("an attribute name after \"" + t.text() + "\"");
      return new Rule.AttrExpression(attr.text(), t.text(), null, null);
    }
    Token op = c.expect("an operator (lt, gt, lte, gte, eq, ne) after \"" + t.text() + "\"");
    String opText = op.text();
    String type = null;
    int colon = opText.indexOf(':');
    if (colon > 0 && TYPES.contains(opText.substring(0, colon))) {
      type = opText.substring(0, colon);
      opText = opText.substring(colon + 1);
    }
    if (!BINARY.contains(opText)) {
      throw c.errorAt(op, "expected an operator (lt, gt, lte, gte, eq, ne) after " + t.text());
    }
    Token value = c.expect("a value after \"" + op.text() + "\"");
    return new Rule.AttrExpression(t.text(), opText, type, value.text());
  }

  private static Rule.Expression dateExpression(Cursor c) throws ParseException {
    Token op = c.expect("lt, gt, in or spec after \"date\"");
    switch (op.text()) {
      case "lt" -> {
        return new Rule.DateExpression("lt", null, c.expect("an end date").text(), Map.of());
      }
      case "gt" -> {
        return new Rule.DateExpression("gt", c.expect("a start date").text(), null, Map.of());
      }
      case "in", "in_range" -> {
        String start = null;
        String end = null;
        Map<String, String> fields = new LinkedHashMap<>();
        while (isPair(c.peek())) {
          NvPair p = pair(c.peek());
          if (p.name().equals("start")) {
            start = p.value();
          } else if (p.name().equals("end")) {
            end = p.value();
          } else if (DATE_FIELDS.contains(p.name())) {
            fields.put(p.name(), p.value());
          } else {
            break;
          }
          c.next();
        }
        if (start == null && end == null) {
          throw c.error("\"date in\" needs start= and end= or a duration");
        }
        return new Rule.DateExpression("in_range", start, end, fields);
      }
      case "spec", "date_spec" -> {
        Map<String, String> fields = new LinkedHashMap<>();
        while (isPair(c.peek()) && DATE_FIELDS.contains(pair(c.peek()).name())) {
          NvPair p = pair(c.next());
          fields.put(p.name(), p.value());
        }
        if (fields.isEmpty()) {
          throw c.error("\"date spec\" needs fields such as hours=9-17");
        }
        return new Rule.DateExpression("date_spec", null, null, fields);
      }
      default -> throw c.errorAt(op, "expected lt, gt, in or spec after \"date\"");
    }
  }

  static boolean isScore(String s) {
    String v = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
    return v.equalsIgnoreCase("inf") || v.equalsIgnoreCase("infinity") || v.matches("[0-9]+");
  }

  /**
   * {@code inf} → {@code INFINITY}, {@code -inf} → {@code -INFINITY}, {@code +inf} → {@code
   * +INFINITY} (crmsh keeps the sign as written), numbers unchanged.
   */
  static String normalizeScore(String s) {
    String sign = s.startsWith("-") || s.startsWith("+") ? s.substring(0, 1) : "";
    String v = sign.isEmpty() ? s : s.substring(1);
    if (v.equalsIgnoreCase("inf") || v.equalsIgnoreCase("infinity")) {
      return sign + "INFINITY";
    }
    return s;
  }
}
