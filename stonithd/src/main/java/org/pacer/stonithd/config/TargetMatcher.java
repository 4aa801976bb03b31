package org.pacer.stonithd.config;

import java.util.Map;
import java.util.regex.Pattern;

/** Which nodes a fencing level applies to. */
public sealed interface TargetMatcher {

  boolean matches(String node, Map<String, String> nodeAttributes);

  /** How stonith_admin and the history describe it. */
  String describe();

  /** {@code target="node1"}. */
  record ByName(String node) implements TargetMatcher {
    @Override
    public boolean matches(String candidate, Map<String, String> attributes) {
      return node.equals(candidate);
    }

    @Override
    public String describe() {
      return node;
    }
  }

  /**
   * {@code target-pattern="node[0-9]+"}: an extended regular expression searched in the name, as
   * regexec does (anchor it with ^ and $ to match the whole name).
   */
  record ByPattern(Pattern pattern) implements TargetMatcher {
    @Override
    public boolean matches(String candidate, Map<String, String> attributes) {
      return pattern.matcher(candidate).find();
    }

    @Override
    public String describe() {
      return "~" + pattern.pattern();
    }
  }

  /** {@code target-attribute="rack" target-value="1"}: a node attribute's value. */
  record ByAttribute(String name, String value) implements TargetMatcher {
    @Override
    public boolean matches(String candidate, Map<String, String> attributes) {
      return value.equals(attributes.get(name));
    }

    @Override
    public String describe() {
      return name + "=" + value;
    }
  }
}
