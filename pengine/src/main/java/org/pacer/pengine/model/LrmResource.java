package org.pacer.pengine.model;

import java.util.List;

/**
 * An {@code <lrm_resource>}: the recorded operations of one resource on one node, and when it was
 * locked to that node by a clean shutdown (shutdown-lock, epoch seconds; 0 when not locked).
 */
public record LrmResource(
    String id,
    String cls,
    String provider,
    String type,
    String container,
    List<LrmOp> ops,
    long shutdownLock) {}
