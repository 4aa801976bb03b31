package org.pacer.pengine.model;

import java.util.List;
import java.util.Map;

/**
 * A {@code <node_state>} of the status section: membership and controller state, transient
 * attributes (fail counts, promotion scores, shutdown), and the operation history.
 */
public record NodeState(
    String id,
    String uname,
    String inCcm,
    String crmd,
    String join,
    String expected,
    boolean remote,
    Map<String, String> transientAttributes,
    List<LrmResource> resources) {}
