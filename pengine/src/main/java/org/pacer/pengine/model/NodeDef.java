package org.pacer.pengine.model;

import java.util.List;

/** A {@code <node>} of the nodes section (type member or remote). */
public record NodeDef(
    String id, String uname, String type, List<NvSet> attributes, List<NvSet> utilization) {}
