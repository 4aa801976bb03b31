package org.pacer.pengine.rules;

/** {@code <rsc_expression>}: matches a resource's agent (for rsc_defaults and op_defaults). */
public record ResourceExpression(String cls, String provider, String type) implements Expression {
  @Override
  public boolean test(RuleContext ctx) {
    if (ctx.rscClass() == null) {
      return false;
    }
    return (cls == null || cls.equals(ctx.rscClass()))
        && (provider == null || provider.equals(ctx.rscProvider()))
        && (type == null || type.equals(ctx.rscType()));
  }
}
