package org.pacer.pengine.model;

import java.util.List;
import java.util.Map;

/** An unpacked CIB: the configuration and status sections as immutable values. */
public record Cib(
    List<NvSet> clusterProperties,
    List<NodeDef> nodes,
    List<ResourceDef> resources,
    List<Constraint> constraints,
    List<NvSet> rscDefaults,
    List<NvSet> opDefaults,
    Map<String, List<String>> tags,
    List<NodeState> status,
    Map<String, Map<String, String>> tickets,
    boolean haveQuorum,
    String dcUuid,
    String executionDate,
    List<String> warnings) {}
