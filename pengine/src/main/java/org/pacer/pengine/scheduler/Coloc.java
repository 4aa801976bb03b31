package org.pacer.pengine.scheduler;

/**
 * A colocation between two resources: {@code dependent} is placed relative to {@code primary}.
 * Roles limit it to those roles (null = any); {@code nodeAttribute} widens "same node" to "nodes
 * with the same value of this attribute".
 */
record Coloc(
    String id,
    Rsc dependent,
    Rsc primary,
    int score,
    Role dependentRole,
    Role primaryRole,
    String nodeAttribute,
    boolean influence) {}
