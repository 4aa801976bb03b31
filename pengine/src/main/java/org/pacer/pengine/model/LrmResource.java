package org.pacer.pengine.model;

import java.util.List;

/** An {@code <lrm_resource>}: the recorded operations of one resource on one node. */
public record LrmResource(
    String id, String cls, String provider, String type, String container, List<LrmOp> ops) {}
