package org.pacer.pengine.rules;

import java.util.List;

/**
 * A {@code <rule>}: expressions joined by {@code and}/{@code or}. The score (or score-attribute)
 * matters only where the rule sits in a location constraint; role limits a location rule to
 * instances in that role.
 */
public record Rule(
    String id,
    boolean or,
    Integer score,
    String scoreAttribute,
    String role,
    List<Expression> expressions)
    implements Expression {

  public Rule {
    expressions = List.copyOf(expressions);
  }

  @Override
  public boolean test(RuleContext ctx) {
    if (expressions.isEmpty()) {
      // An empty rule never matches: there is nothing it asserts.
      return false;
    }
    for (Expression e : expressions) {
      boolean v = e.test(ctx);
      if (or && v) {
        return true;
      }
      if (!or && !v) {
        return false;
      }
    }
    return !or;
  }

  /** Whether this rule (or a nested one) compares dates, so its result depends on "now". */
  public boolean usesDate() {
    for (Expression e : expressions) {
      if (e instanceof DateExpression) {
        return true;
      }
      if (e instanceof Rule r && r.usesDate()) {
        return true;
      }
    }
    return false;
  }
}
