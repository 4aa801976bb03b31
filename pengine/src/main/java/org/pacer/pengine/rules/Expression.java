package org.pacer.pengine.rules;

/** One condition inside a rule; a rule is itself an expression so rules nest. */
public sealed interface Expression
    permits Rule, AttributeExpression, DateExpression, ResourceExpression, OperationExpression {

  /** Whether the condition holds in {@code ctx}. */
  boolean test(RuleContext ctx);
}
