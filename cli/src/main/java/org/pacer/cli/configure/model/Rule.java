package org.pacer.cli.configure.model;

import java.util.List;
import java.util.Map;

/**
 * A rule: a score (or score attribute) awarded when the expressions, joined by one boolean
 * operator, hold. {@code idRef} makes it a reference to another rule.
 */
public record Rule(
    String id,
    String idRef,
    String score,
    String scoreAttribute,
    String role,
    String booleanOp,
    List<Expression> expressions) {
  public Rule {
    expressions = List.copyOf(expressions);
  }

  /** One test inside a rule. */
  public sealed interface Expression permits AttrExpression, DateExpression {}

  /**
   * {@code attribute [type:]op value} or {@code defined|not_defined attribute}.
   *
   * @param value null for the unary operators
   * @param type null unless given as {@code string:}, {@code number:} or {@code version:}
   */
  public record AttrExpression(String attribute, String operation, String type, String value)
      implements Expression {}

  /**
   * {@code date lt|gt|in|spec ...}; operation is the XML value (lt, gt, in_range, date_spec).
   *
   * @param fields duration (in_range) or date_spec fields, in input order
   */
  public record DateExpression(
      String operation, String start, String end, Map<String, String> fields)
      implements Expression {}
}
