package org.pacer.pengine.unpack;

import static org.pacer.pengine.unpack.Xml.attr;
import static org.pacer.pengine.unpack.Xml.child;
import static org.pacer.pengine.unpack.Xml.children;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pacer.pengine.model.ClusterOption;
import org.pacer.pengine.model.Score;
import org.pacer.pengine.rules.AttributeExpression;
import org.pacer.pengine.rules.CibTime;
import org.pacer.pengine.rules.DateExpression;
import org.pacer.pengine.rules.Expression;
import org.pacer.pengine.rules.OperationExpression;
import org.pacer.pengine.rules.ResourceExpression;
import org.pacer.pengine.rules.Rule;
import org.w3c.dom.Element;

/** Parses {@code <rule>} elements; bad dates and operators are reported by id. */
final class RuleParser {
  private final List<String> problems;
  private Map<String, Element> ids = Map.of();

  RuleParser(List<String> problems) {
    this.problems = problems;
  }

  void setIds(Map<String, Element> ids) {
    this.ids = ids;
  }

  Rule rule(Element el) {
    Element r = el;
    String ref = attr(el, "id-ref");
    if (ref != null) {
      r = ids.get(ref);
      if (r == null) {
        problems.add("rule id-ref '" + ref + "' names nothing");
        return new Rule(ref, false, null, null, null, List.of());
      }
    }
    String id = r.getAttribute("id");
    List<Expression> exprs = new ArrayList<>();
    for (Element c : children(r)) {
      Expression e = expression(c);
      if (e != null) {
        exprs.add(e);
      }
    }
    String op = attr(r, "boolean-op");
    if (op != null && !op.equals("and") && !op.equals("or")) {
      problems.add("rule " + id + " has invalid boolean-op '" + op + "'");
    }
    String score = attr(r, "score");
    Integer s = null;
    if (score != null) {
      try {
        s = Score.parse(score);
      } catch (IllegalArgumentException e) {
        problems.add("rule " + id + " has invalid score '" + score + "'");
      }
    }
    return new Rule(id, "or".equals(op), s, attr(r, "score-attribute"), attr(r, "role"), exprs);
  }

  private Expression expression(Element c) {
    String id = c.getAttribute("id");
    switch (c.getTagName()) {
      case "rule":
        return rule(c);
      case "expression":
        {
          String op = attr(c, "operation");
          if (op == null
              || !List.of("lt", "gt", "lte", "gte", "eq", "ne", "defined", "not_defined")
                  .contains(op)) {
            problems.add("expression " + id + " has invalid operation '" + op + "'");
            return null;
          }
          return new AttributeExpression(
              id,
              attr(c, "attribute"),
              op,
              attr(c, "value"),
              attr(c, "type"),
              attr(c, "value-source"));
        }
      case "date_expression":
        return dateExpression(c, id);
      case "rsc_expression":
        return new ResourceExpression(attr(c, "class"), attr(c, "provider"), attr(c, "type"));
      case "op_expression":
        {
          String interval = attr(c, "interval");
          Long ms = null;
          if (interval != null) {
            try {
              ms = ClusterOption.parseDurationMs(interval);
            } catch (IllegalArgumentException e) {
              problems.add("op_expression " + id + " has invalid interval '" + interval + "'");
            }
          }
          return new OperationExpression(attr(c, "name"), ms);
        }
      default:
        return null;
    }
  }

  private Expression dateExpression(Element c, String id) {
    String op = attr(c, "operation");
    if (op == null) {
      op = "in_range";
    }
    if (!List.of("gt", "lt", "in_range", "date_spec").contains(op)) {
      problems.add("date_expression " + id + " has invalid operation '" + op + "'");
      return null;
    }
    LocalDateTime start = date(id, attr(c, "start"));
    LocalDateTime end = date(id, attr(c, "end"));
    if (op.equals("gt") && start == null) {
      problems.add("date_expression " + id + " (gt) has no valid start");
    }
    if (op.equals("lt") && end == null) {
      problems.add("date_expression " + id + " (lt) has no valid end");
    }
    Map<String, String> duration = attrs(child(c, "duration"));
    Map<String, String> spec = attrs(child(c, "date_spec"));
    if (spec != null) {
      for (var e : spec.entrySet()) {
        if (e.getKey().equals("id")) {
          continue;
        }
        if (!e.getValue().trim().matches("-?\\d*\\s*-?\\s*\\d*")) {
          problems.add(
              "date_spec in " + id + " has invalid " + e.getKey() + " '" + e.getValue() + "'");
        }
      }
    }
    return new DateExpression(id, op, start, end, duration, spec);
  }

  private LocalDateTime date(String id, String text) {
    if (text == null) {
      return null;
    }
    try {
      return CibTime.parse(text);
    } catch (IllegalArgumentException e) {
      problems.add("date_expression " + id + ": " + e.getMessage());
      return null;
    }
  }

  private static Map<String, String> attrs(Element e) {
    if (e == null) {
      return null;
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < e.getAttributes().getLength(); i++) {
      var a = e.getAttributes().item(i);
      if (!a.getNodeName().equals("id")) {
        m.put(a.getNodeName(), a.getNodeValue());
      }
    }
    return m;
  }
}
