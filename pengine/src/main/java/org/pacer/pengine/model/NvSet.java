package org.pacer.pengine.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pacer.pengine.rules.Rule;
import org.pacer.pengine.rules.RuleContext;

/**
 * An attribute set ({@code meta_attributes}, {@code instance_attributes}, {@code utilization},
 * {@code cluster_property_set}, ...): name/value pairs, applied only when its rule (if any) holds;
 * higher-scored sets win over lower ones.
 */
public record NvSet(String id, int score, Rule rule, Map<String, String> values) {

  public NvSet {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /**
   * Resolves a list of sets into one map: sets in decreasing score order (document order among
   * equals), the first set to name an attribute wins, sets whose rule fails are skipped.
   */
  public static Map<String, String> resolve(List<NvSet> sets, RuleContext ctx) {
    return resolveInto(new LinkedHashMap<>(), sets, ctx);
  }

  /** Adds the attributes of {@code sets} that {@code into} does not name yet. */
  public static Map<String, String> resolveInto(
      Map<String, String> into, List<NvSet> sets, RuleContext ctx) {
    if (sets.isEmpty()) {
      return into;
    }
    List<NvSet> ordered = new ArrayList<>(sets);
    ordered.sort(Comparator.comparingInt(NvSet::score).reversed());
    for (NvSet s : ordered) {
      if (s.rule() != null && (ctx == null || !s.rule().test(ctx))) {
        continue;
      }
      for (Map.Entry<String, String> e : s.values().entrySet()) {
        into.putIfAbsent(e.getKey(), e.getValue());
      }
    }
    return into;
  }
}
