package org.pacer.stonithd.port;

import java.util.List;
import java.util.concurrent.ExecutorService;
import org.pacer.stonithd.coordination.FencingMessage;
import org.pacer.stonithd.daemon.DaemonThreads;

/**
 * The group of a one-node cluster: this node alone, every message delivered back to it in the order
 * it was sent. Used when no group is configured.
 */
public final class SoloGroup implements FencingGroup {

  private final String node;
  private final ExecutorService delivery = DaemonThreads.single("solo-group");
  private volatile GroupListener listener;

  public SoloGroup(String node) {
    this.node = node;
  }

  @Override
  public void join(GroupListener l) {
    this.listener = l;
    delivery.execute(
        () -> l.configurationChanged(new GroupView(1, List.of(node), List.of(), List.of(node))));
  }

  @Override
  public void send(FencingMessage message) {
    GroupListener l = listener;
    if (l == null) {
      throw new IllegalStateException("send before join");
    }
    delivery.execute(() -> l.delivered(node, message));
  }

  @Override
  public String localName() {
    return node;
  }

  @Override
  public void close() {
    delivery.shutdownNow();
  }
}
