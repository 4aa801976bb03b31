package org.pacer.cli.configure.model;

import java.util.List;
import java.util.Map;

/**
 * A resource set of a constraint. {@code bracket} is {@code (} (sequential=false), {@code [}
 * (sequential=false, require-all=false), <code>{</code> (location sets) or null (a plain run of
 * resources sharing one role/action).
 *
 * @param roleOrAction the role (colocation, ticket) or action (order) of the members, or null
 * @param attributes extra attributes written inside the brackets (sequential=, require-all=, ...)
 */
public record ResourceSet(
    String bracket, List<String> resources, String roleOrAction, Map<String, String> attributes) {
  public ResourceSet {
    resources = List.copyOf(resources);
  }
}
