package org.pacer.pengine.model;

import java.util.List;

/** An {@code <op>} of a primitive: name, interval (ms), role and its other attributes. */
public record OpDef(
    String id,
    String name,
    long intervalMs,
    String role,
    java.util.Map<String, String> attributes,
    List<NvSet> meta) {

  public String attr(String name) {
    return attributes.get(name);
  }
}
