package org.pacer.pengine.graph;

import java.util.Map;

/**
 * One action of a transition graph: a resource operation ({@code rsc_op}), a pseudo event, or a
 * cluster event (fencing, shutdown).
 *
 * @param id the action's number in the graph
 * @param kind rsc_op, pseudo_event or crm_event
 * @param operation start, stop, monitor, stonith, ...
 * @param key the operation key (rsc_task_interval)
 * @param node the target node's name (null for pseudo events)
 * @param nodeUuid the target node's id
 * @param resource the resource id, or null
 * @param agent class, provider and type of the resource (null entries when absent)
 * @param attributes the action's attributes (CRM_meta_*, parameters)
 */
public record GraphAction(
    int id,
    String kind,
    String operation,
    String key,
    String node,
    String nodeUuid,
    String resource,
    String[] agent,
    Map<String, String> attributes) {}
