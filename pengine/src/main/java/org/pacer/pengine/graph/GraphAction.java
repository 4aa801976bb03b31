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
 * @param executorId the id the executor and the status section know the resource by, when it
 *     differs from {@code resource}: an anonymous clone instance {@code sp:2} runs and is recorded
 *     as {@code sp} (Pacemaker's graph: {@code <primitive id="sp" long-id="sp:2">}), so which
 *     instance number the scheduler gives it next time never reaches the node; null otherwise
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
    Map<String, String> attributes,
    String executorId) {

  public GraphAction(
      int id,
      String kind,
      String operation,
      String key,
      String node,
      String nodeUuid,
      String resource,
      String[] agent,
      Map<String, String> attributes) {
    this(id, kind, operation, key, node, nodeUuid, resource, agent, attributes, null);
  }

  /** A copy with other attributes. */
  public GraphAction withAttributes(Map<String, String> attrs) {
    return new GraphAction(
        id, kind, operation, key, node, nodeUuid, resource, agent, attrs, executorId);
  }
}
