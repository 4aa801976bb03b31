package org.pacer.cib.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.w3c.dom.Element;

/**
 * The rule for one element name in one place of the CIB: which attributes it takes and of what
 * type, which are required, which children may appear how often, and any check that relates
 * attributes to each other (Pacemaker's schema expresses those as choices).
 */
public final class ElementRule {

  /** How often a child element may appear. */
  public enum Count {
    OPTIONAL,
    REQUIRED,
    ANY,
    ONE_OR_MORE
  }

  final String tag;
  final Map<String, AttributeType> attributes = new LinkedHashMap<>();
  final Set<String> required = new LinkedHashSet<>();
  final Map<String, Count> children = new LinkedHashMap<>();
  final List<BiConsumer<Element, Problems>> checks = new ArrayList<>();
  boolean anyAttributes;
  boolean anyContent;
  boolean allowText;

  ElementRule(String tag) {
    this.tag = tag;
  }

  ElementRule attr(String name, AttributeType type) {
    attributes.put(name, type);
    return this;
  }

  ElementRule attrs(AttributeType type, String... names) {
    for (String n : names) {
      attributes.put(n, type);
    }
    return this;
  }

  ElementRule require(String name, AttributeType type) {
    attributes.put(name, type);
    required.add(name);
    return this;
  }

  ElementRule child(String tag, Count count) {
    children.put(tag, count);
    return this;
  }

  ElementRule children(Count count, String... tags) {
    for (String t : tags) {
      children.put(t, count);
    }
    return this;
  }

  ElementRule check(BiConsumer<Element, Problems> check) {
    checks.add(check);
    return this;
  }

  /** Attributes not listed are accepted (Pacemaker lets {@code <cib>} carry extra ones). */
  ElementRule anyAttributes() {
    anyAttributes = true;
    return this;
  }

  /** Anything below this element is accepted unchecked. */
  ElementRule anyContent() {
    anyContent = true;
    anyAttributes = true;
    return this;
  }

  ElementRule text() {
    allowText = true;
    return this;
  }

  public String tag() {
    return tag;
  }
}
