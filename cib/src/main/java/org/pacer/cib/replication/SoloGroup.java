package org.pacer.cib.replication;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The group of a node that runs without the membership daemon (a one-node cluster, or the CIB
 * daemon started on its own): one view with this node only, and every message delivered back to it
 * in the order sent. Deliveries run on the group's own thread, never inside {@link #send}, as a
 * real group's do.
 */
public final class SoloGroup implements ProcessGroup {
  private final ExecutorService delivery =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "cib-solo-group"));
  private volatile String node;
  private volatile Listener listener;

  @Override
  public void join(String group, String node, Listener listener) {
    this.node = node;
    this.listener = listener;
    delivery.execute(() -> listener.onView(new View(1, java.util.List.of(node))));
  }

  @Override
  public void send(byte[] message) {
    Listener l = listener;
    if (l == null) {
      throw new IllegalStateException("send before join");
    }
    delivery.execute(() -> l.onDeliver(node, message));
  }

  @Override
  public void close() {
    delivery.shutdown();
    try {
      delivery.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
