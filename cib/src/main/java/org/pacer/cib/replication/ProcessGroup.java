package org.pacer.cib.replication;

/**
 * What replication needs from the cluster layer: a closed process group with agreed (total) order
 * and virtual synchrony, in the manner of Corosync's CPG. Every member receives the same
 * configuration changes and, between two of them, the same messages in the same order; a member's
 * own messages are delivered to it too. The membership module provides the real one; an adapter
 * joins the two.
 */
public interface ProcessGroup extends AutoCloseable {

  /** Receives the group's events, one at a time, in agreed order. */
  interface Listener {
    void onView(View view);

    void onDeliver(String sender, byte[] message);
  }

  /** Joins the named group as {@code node}; events then flow to the listener. */
  void join(String group, String node, Listener listener);

  /** Sends to every member (including this one) in total order. */
  void send(byte[] message);

  /** Leaves the group. */
  @Override
  void close();
}
