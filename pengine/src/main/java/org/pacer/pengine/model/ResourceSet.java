package org.pacer.pengine.model;

import java.util.List;

/** A {@code <resource_set>} inside a constraint. */
public record ResourceSet(
    String id,
    List<String> resources,
    boolean sequential,
    boolean requireAll,
    String role,
    String action,
    String kind,
    Integer score) {}
