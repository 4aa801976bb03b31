package org.pacer.crmd.tools;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the helper commands need from the cluster. The resident controller implements it (its
 * membership, its attribute store, its CIB client); {@link FileCibBackend} implements the CIB part
 * on a file, as Pacemaker's tools do with {@code CIB_file}.
 */
public interface ToolBackend {

  /** Where an attribute lives. */
  enum Scope {
    /** Permanent node attributes: {@code <nodes><node><instance_attributes>}. */
    NODES("nodes"),
    /** Transient node attributes: {@code <status><node_state><transient_attributes>}. */
    STATUS("status"),
    /** Cluster options: {@code <crm_config><cluster_property_set>}. */
    CRM_CONFIG("crm_config");

    final String word;

    Scope(String word) {
      this.word = word;
    }
  }

  /** One stored attribute. */
  record Nvpair(String id, String name, String value) {}

  /** A node as crm_node lists it. */
  record NodeEntry(String id, String name, boolean member) {}

  String localNodeName() throws ToolException;

  String localNodeId() throws ToolException;

  /** The node id of a node name; fails with 105 "Could not map name=X to a UUID". */
  String nodeIdOf(String name) throws ToolException;

  Optional<Nvpair> get(Scope scope, String nodeId, String set, String name) throws ToolException;

  void set(Scope scope, String nodeId, String set, String name, String value) throws ToolException;

  /** Removes the attribute; returns what was removed, empty when there was nothing. */
  Optional<Nvpair> delete(Scope scope, String nodeId, String set, String name) throws ToolException;

  /** Every node of the cluster with its membership. */
  List<NodeEntry> nodes() throws ToolException;

  /** Names of the members of this node's partition. */
  List<String> partition() throws ToolException;

  boolean quorate() throws ToolException;

  /**
   * Sets a transient attribute through the attribute store (attrd_updater), returning once this
   * node's replica holds it.
   *
   * @param value null keeps the value (a dampening change)
   * @param dampenMs null keeps the dampening
   */
  void attrdUpdate(
      String node, String name, String value, Long dampenMs, String set, boolean isPrivate)
      throws ToolException;

  /** The whole CIB as XML (crm_mon). */
  String cibXml() throws ToolException;

  /** A transient attribute's value per node name (only nodes that have it). */
  Map<String, String> attrdQuery(String name) throws ToolException;
}
