package org.pacer.crmd.adapter;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.pacer.crmd.port.FencerPort;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.transport.EventLoops;
import org.pacer.stonithd.api.StonithClient;
import org.pacer.stonithd.coordination.FenceState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fencing through the node's pacer-stonithd: each request waits for the cluster-wide result. The
 * daemon is reached on first use and again after a lost connection, so a controller that starts
 * before stonithd (or outlives a restart of it) still fences; while it cannot be reached, a request
 * fails saying so, which keeps the node's resources counted as active.
 */
public final class StonithFencer implements FencerPort, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StonithFencer.class);

  private final EventLoops loops;
  private final NodePaths paths;
  private StonithClient client;

  public StonithFencer(EventLoops loops, NodePaths paths) {
    this.loops = loops;
    this.paths = paths;
  }

  @Override
  public CompletableFuture<Outcome> fence(String target, String action, long timeoutMs) {
    StonithClient c;
    try {
      c = client();
    } catch (Exception e) {
      return CompletableFuture.completedFuture(
          new Outcome(false, "cannot reach pacer-stonithd: " + e.getMessage()));
    }
    return c.fence(
            target, action, Duration.ofMillis(Math.max(1, timeoutMs)), Duration.ZERO, "pacer-crmd")
        .handle(
            (reply, error) -> {
              if (error != null) {
                drop(c);
                return new Outcome(false, "pacer-stonithd: " + error.getMessage());
              }
              if (reply.result() == null) {
                return new Outcome(false, "pacer-stonithd gave no result for " + reply.opId());
              }
              boolean ok = reply.result().state() == FenceState.SUCCESS;
              return new Outcome(ok, ok ? "" : String.valueOf(reply.result().reason()));
            });
  }

  private synchronized StonithClient client() throws Exception {
    if (client == null) {
      client = StonithClient.connect(loops, paths, "pacer-crmd");
    }
    return client;
  }

  private synchronized void drop(StonithClient c) {
    if (client == c) {
      log.warn("lost pacer-stonithd; reconnecting on the next fencing request");
      c.close();
      client = null;
    }
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
      client = null;
    }
  }
}
