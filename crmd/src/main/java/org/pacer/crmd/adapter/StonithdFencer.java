package org.pacer.crmd.adapter;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.pacer.crmd.port.FencerPort;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.transport.EventLoops;
import org.pacer.stonithd.api.StonithClient;
import org.pacer.stonithd.coordination.FenceState;
import org.pacer.stonithd.coordination.HistoryEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fencing through the node's pacer-stonithd: one request per fencing action, answered with the
 * cluster's result. A lost connection fails the request (the client reconnects for the next one),
 * and a failed fencing never lets the scheduler count the target's resources as stopped.
 */
public final class StonithdFencer implements FencerPort, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StonithdFencer.class);

  /**
   * A deliberately broken build for the integration tests' invariant checker (it/): when this
   * system property is {@code true}, every fencing request is reported successful without running
   * anything, so the DC recovers a lost node's resources while the node may still run them. Never
   * set it outside those tests; the daemon logs an error on every request while it is set.
   */
  public static final String UNSAFE_SKIP_PROPERTY = "pacer.crmd.test.unsafe-skip-fencing";

  private final EventLoops loops;
  private final NodePaths paths;
  private final boolean skip;
  private StonithClient client;

  /** The connection that carries stonithd's result notifications (its own: see {@link #drop}). */
  private StonithClient watcher;

  private volatile boolean closed;

  /**
   * Connects on the first request rather than at start, so a node whose stonithd starts later (or a
   * test node without one) still runs; the client reconnects by itself after that.
   */
  public StonithdFencer(EventLoops loops, NodePaths paths) {
    this.loops = loops;
    this.paths = paths;
    this.skip = Boolean.getBoolean(UNSAFE_SKIP_PROPERTY);
  }

  private synchronized StonithClient client() throws IOException {
    if (client == null) {
      client = StonithClient.connect(loops, paths, "pacer-crmd");
    }
    return client;
  }

  @Override
  public CompletableFuture<Outcome> fence(String target, String action, long timeoutMs) {
    if (skip) {
      log.error(
          "{} is set: reporting {} of {} as done WITHOUT fencing (test-only broken build)",
          UNSAFE_SKIP_PROPERTY,
          action,
          target);
      return CompletableFuture.completedFuture(
          new Outcome(true, "skipped (" + UNSAFE_SKIP_PROPERTY + ")"));
    }
    StonithClient stonithd;
    try {
      stonithd = client();
    } catch (IOException e) {
      return CompletableFuture.completedFuture(
          new Outcome(false, "no fencing daemon (pacer-stonithd) answers: " + e.getMessage()));
    }
    return stonithd
        .fence(
            target, action, Duration.ofMillis(Math.max(1, timeoutMs)), Duration.ZERO, "pacer-crmd")
        .handle(
            (reply, error) -> {
              if (error != null) {
                drop(stonithd);
                return new Outcome(false, "pacer-stonithd: " + error.getMessage());
              }
              return outcome(reply.result());
            });
  }

  /** A lost daemon is reached again on the next request (a restarted stonithd, say). */
  private synchronized void drop(StonithClient c) {
    if (client == c) {
      log.warn("lost pacer-stonithd; reconnecting on the next fencing request");
      c.close();
      client = null;
    }
  }

  /**
   * Subscribes to stonithd's results on a connection of its own, so a failed request (which drops
   * the request connection) never loses the subscription. Until stonithd answers (it may start
   * after this daemon, or a test node may have none), a background thread tries every second; once
   * connected, the client reconnects and subscribes again by itself. Results while disconnected are
   * not seen: the DC then fences a node that left, as it would have without the notification.
   */
  @Override
  public void watch(Consumer<Observed> listener) {
    Thread t =
        new Thread(
            () -> {
              while (!closed) {
                try {
                  StonithClient c = StonithClient.connect(loops, paths, "pacer-crmd-watch");
                  synchronized (this) {
                    if (closed) {
                      c.close();
                      return;
                    }
                    watcher = c;
                  }
                  c.subscribe(entry -> observed(entry, listener)).get(30, TimeUnit.SECONDS);
                  log.info("watching pacer-stonithd's fencing results");
                  return;
                } catch (Exception e) {
                  log.debug("pacer-stonithd not reachable yet: {}", e.getMessage());
                  synchronized (this) {
                    if (watcher != null) {
                      watcher.close();
                      watcher = null;
                    }
                  }
                  try {
                    Thread.sleep(1000);
                  } catch (InterruptedException ie) {
                    return;
                  }
                }
              }
            },
            "crmd-fence-watch");
    t.setDaemon(true);
    t.start();
  }

  static void observed(HistoryEntry e, Consumer<Observed> listener) {
    if (e.state() == FenceState.SUCCESS) {
      listener.accept(
          new Observed(e.target(), e.action(), e.origin(), e.client(), e.completedAt()));
    }
  }

  static Outcome outcome(HistoryEntry result) {
    if (result == null) {
      return new Outcome(false, "stonithd answered without a result");
    }
    return new Outcome(
        result.state() == FenceState.SUCCESS,
        result.reason() == null ? result.state().toString() : result.reason());
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (watcher != null) {
      watcher.close();
      watcher = null;
    }
    if (client != null) {
      client.close();
      client = null;
    }
  }
}
