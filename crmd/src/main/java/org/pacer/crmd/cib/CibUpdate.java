package org.pacer.crmd.cib;

import java.util.List;
import java.util.Map;
import org.pacer.crmd.history.ResourceHistory;

/**
 * A change the controller makes to the CIB. Each maps to one modification of Pacemaker's XML
 * ({@link StatusXml} renders the elements); the CIB orders and replicates them.
 */
public sealed interface CibUpdate {

  /**
   * Merges attributes into {@code <node_state id uname>}: {@code in_ccm}, {@code crmd}, {@code
   * join}, {@code expected}. Attributes not named are kept. With {@code create} false, a node
   * without a node_state keeps having none: the scheduler treats a node never seen as unclean
   * (startup-fencing), which a node_state written only to say "offline" would hide.
   */
  record NodeState(String nodeId, String node, Map<String, String> attributes, boolean create)
      implements CibUpdate {
    public NodeState(String nodeId, String node, Map<String, String> attributes) {
      this(nodeId, node, attributes, true);
    }
  }

  /**
   * Makes sure {@code <nodes>} lists the node ({@code <node id uname/>}), as a DC does for every
   * member it joins: the scheduler places resources only on nodes the configuration names.
   */
  record NodeEntry(String nodeId, String node) implements CibUpdate {}

  /** Replaces a node's whole {@code <lrm>} section with this history (after a join). */
  record LrmReplace(String nodeId, String node, List<ResourceHistory> resources)
      implements CibUpdate {}

  /** Replaces one {@code <lrm_resource>} of a node (after an operation result). */
  record LrmResource(String nodeId, String node, ResourceHistory resource) implements CibUpdate {}

  /** Removes one {@code <lrm_resource>} of a node (cleanup, refresh). */
  record LrmResourceDelete(String nodeId, String node, String resourceId) implements CibUpdate {}

  /** Removes a node's whole operation history (it was fenced: nothing runs there any more). */
  record LrmErase(String nodeId, String node) implements CibUpdate {}

  /**
   * Sets ({@code value} non-null) or removes one transient attribute in the node's {@code
   * <transient_attributes>}.
   */
  record TransientAttribute(String nodeId, String node, String set, String name, String value)
      implements CibUpdate {}

  /** Replaces a node's {@code <transient_attributes>} (a new DC's full rewrite, or node loss). */
  record TransientAttributesReplace(String nodeId, String node, Map<String, String> values)
      implements CibUpdate {}

  /** Sets attributes of the {@code <cib>} element: {@code dc-uuid}, {@code have-quorum}. */
  record CibAttributes(Map<String, String> attributes) implements CibUpdate {}

  /** Sets a cluster option in {@code cib-bootstrap-options} (the DC's dc-version and stack). */
  record ClusterOption(String name, String value) implements CibUpdate {}

  /**
   * Sets ({@code value} non-null) or removes a permanent node attribute in the {@code <nodes>}
   * section ({@code crm_attribute -l forever}).
   */
  record NodeAttribute(String nodeId, String node, String name, String value)
      implements CibUpdate {}
}
