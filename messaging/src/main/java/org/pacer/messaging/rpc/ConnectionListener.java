package org.pacer.messaging.rpc;

/**
 * Told when a client's connection comes and goes. After a reconnect the subscriptions are already
 * re-established, but notifications sent while disconnected are lost: a listener should refresh its
 * full state then.
 */
public interface ConnectionListener {
  default void connected(boolean reconnected) {}

  default void disconnected(String reason) {}
}
