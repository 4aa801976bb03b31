package org.pacer.stonithd.port;

import org.pacer.stonithd.coordination.FencingMessage;

/**
 * What stonithd needs from the membership layer: the {@code stonithd} process group with
 * agreed-order (total order) delivery and virtual synchrony. Every member delivers the same
 * messages and configuration changes in the same order, its own messages included. The adapter to
 * membership's CPG client implements this; tests use a simulated group.
 */
public interface FencingGroup extends AutoCloseable {

  /** Joins the group; deliveries and configuration changes go to {@code listener}. */
  void join(GroupListener listener);

  /** Sends to every member in agreed order (the sender delivers its own message too). */
  void send(FencingMessage message);

  /** This member's name in the group (the node name). */
  String localName();

  @Override
  void close();

  /** Receives what the group delivers, one call at a time, in agreed order. */
  interface GroupListener {
    void delivered(String sender, FencingMessage message);

    void configurationChanged(GroupView view);
  }
}
