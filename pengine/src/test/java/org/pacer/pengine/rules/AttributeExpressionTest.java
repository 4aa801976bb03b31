package org.pacer.pengine.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributeExpressionTest {
  private static final RuleContext NODE =
      RuleContext.at(LocalDateTime.of(2020, 1, 1, 0, 0)).withNode(Map.of("cpus", "3.6"));

  @Test
  void integerComparisonTruncatesFractions() {
    assertTrue(new AttributeExpression("e", "cpus", "eq", "3", "integer", null).test(NODE));
    assertFalse(new AttributeExpression("e", "cpus", "gt", "3", "integer", null).test(NODE));
    assertTrue(new AttributeExpression("e", "cpus", "gt", "3", "number", null).test(NODE));
  }

  @Test
  void valueSourceReadsParametersAndMeta() {
    RuleContext ctx =
        NODE.withValues(Map.of("want", "3.6"), Map.of("limit", "4")).withNode(Map.of("x", "3.6"));
    assertTrue(new AttributeExpression("e", "x", "eq", "want", "string", "param").test(ctx));
    assertTrue(new AttributeExpression("e", "x", "lt", "limit", "number", "meta").test(ctx));
    assertFalse(new AttributeExpression("e", "x", "eq", "missing", "string", "param").test(ctx));
  }
}
