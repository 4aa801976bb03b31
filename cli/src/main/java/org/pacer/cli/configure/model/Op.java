package org.pacer.cli.configure.model;

import java.util.List;
import java.util.Map;

/**
 * One operation: {@code op name attr=value ...} with its op_params/op_meta sets. Attributes that
 * are not operation attributes (OCF_CHECK_LEVEL) go to an instance_attributes set, as crmsh does.
 */
public record Op(String name, Map<String, String> attributes, List<AttrSet> sets) {
  public Op {
    sets = List.copyOf(sets);
  }
}
