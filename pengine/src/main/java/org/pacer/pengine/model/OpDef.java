package org.pacer.pengine.model;

import java.util.List;

/**
 * An {@code <op>} of a primitive: name, interval (ms), role, its other attributes (with its meta
 * and instance attributes folded in), and the instance attributes alone: parameters the agent gets
 * for this operation only, which count in its parameter digest.
 */
public record OpDef(
    String id,
    String name,
    long intervalMs,
    String role,
    java.util.Map<String, String> attributes,
    List<NvSet> meta,
    java.util.Map<String, String> params) {

  public String attr(String name) {
    return attributes.get(name);
  }
}
