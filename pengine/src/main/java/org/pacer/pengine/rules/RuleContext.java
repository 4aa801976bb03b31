package org.pacer.pengine.rules;

import java.time.LocalDateTime;
import java.util.Map;

/**
 * What a rule is evaluated against: a node's attributes (with #uname, #id, #kind), the time, the
 * resource agent and operation for rsc_defaults/op_defaults rules, and resource parameters for
 * value-source.
 */
public record RuleContext(
    Map<String, String> nodeAttributes,
    LocalDateTime now,
    String rscClass,
    String rscProvider,
    String rscType,
    String opName,
    Long opIntervalMs,
    Map<String, String> params,
    Map<String, String> meta) {

  public static RuleContext at(LocalDateTime now) {
    return new RuleContext(null, now, null, null, null, null, null, null, null);
  }

  public RuleContext withNode(Map<String, String> attrs) {
    return new RuleContext(
        attrs, now, rscClass, rscProvider, rscType, opName, opIntervalMs, params, meta);
  }

  public RuleContext withResource(String cls, String provider, String type) {
    return new RuleContext(
        nodeAttributes, now, cls, provider, type, opName, opIntervalMs, params, meta);
  }

  public RuleContext withValues(Map<String, String> params, Map<String, String> meta) {
    return new RuleContext(
        nodeAttributes, now, rscClass, rscProvider, rscType, opName, opIntervalMs, params, meta);
  }

  public RuleContext withOperation(String name, long intervalMs) {
    return new RuleContext(
        nodeAttributes, now, rscClass, rscProvider, rscType, name, intervalMs, params, meta);
  }
}
