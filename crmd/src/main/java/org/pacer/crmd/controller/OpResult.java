package org.pacer.crmd.controller;

import org.pacer.crmd.graph.ResourceRef;

/**
 * What the local executor reports for an operation.
 *
 * @param callId the executor's call number
 * @param rc the agent's return code
 * @param opStatus the execution status ({@link org.pacer.crmd.history.OpStatus})
 * @param finishedAt epoch seconds
 */
public record OpResult(
    ResourceRef resource,
    String operation,
    long intervalMs,
    int callId,
    int rc,
    int opStatus,
    String exitReason,
    long execTimeMs,
    long queueTimeMs,
    long finishedAt,
    String transitionKey) {}
