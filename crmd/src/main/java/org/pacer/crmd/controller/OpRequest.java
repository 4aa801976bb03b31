package org.pacer.crmd.controller;

import java.util.Map;
import org.pacer.crmd.graph.ResourceRef;

/**
 * An operation for the local executor.
 *
 * @param parameters agent parameters and {@code CRM_meta_*} values, as the graph gave them
 * @param transitionKey echoed in the result
 */
public record OpRequest(
    ResourceRef resource,
    String operation,
    long intervalMs,
    long timeoutMs,
    Map<String, String> parameters,
    String transitionKey) {
  public OpRequest {
    parameters = Map.copyOf(parameters);
  }
}
