package org.pacer.pengine.rules;

/** {@code <op_expression>}: matches an operation by name and interval (op_defaults). */
public record OperationExpression(String name, Long intervalMs) implements Expression {
  @Override
  public boolean test(RuleContext ctx) {
    if (ctx.opName() == null) {
      return false;
    }
    return name.equals(ctx.opName())
        && (intervalMs == null || intervalMs.equals(ctx.opIntervalMs()));
  }
}
