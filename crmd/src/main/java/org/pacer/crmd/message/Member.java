package org.pacer.crmd.message;

/**
 * A node as the controller knows it.
 *
 * @param name the node's name (uname)
 * @param id the node's id in the cluster (Pacemaker's node uuid; corosync's nodeid as text)
 */
public record Member(String name, String id) {}
