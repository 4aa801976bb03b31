package org.pacer.cib.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.pacer.cib.diff.CibDiff;
import org.pacer.cib.diff.DiffCodec;
import org.pacer.cib.diff.DiffPatch;
import org.pacer.cib.document.CibDocument;
import org.pacer.cib.document.CibError;
import org.pacer.cib.document.CibException;
import org.pacer.cib.ops.CibQuery;
import org.pacer.messaging.rpc.ConnectionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local copy of the CIB that follows the daemon: each diff is applied to the copy and checked
 * against the diff's digest; a diff that does not start at the copy's version, does not apply
 * cleanly, or comes after notifications were lost (a reconnect, or the daemon dropping a subscriber
 * that fell behind) makes the mirror read the whole CIB instead. Other daemons (the controller,
 * fencing) watch the CIB this way.
 *
 * <p>Notifications arrive on the connection's I/O thread, which must never wait for an answer from
 * the same connection; so all work happens on the mirror's own thread, in arrival order.
 */
public final class CibMirror implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CibMirror.class);

  private final CibClient client;
  private final Consumer<CibDocument> onChange;
  private final ExecutorService worker;
  private final AtomicLong refreshes = new AtomicLong();
  private final AtomicLong diffs = new AtomicLong();
  private volatile CibDocument cib;

  /**
   * @param onChange told of every new version, on the mirror's thread
   */
  public CibMirror(CibClient client, Consumer<CibDocument> onChange) {
    this.client = client;
    this.onChange = onChange;
    this.worker =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "cib-mirror");
              t.setDaemon(true);
              return t;
            });
    client
        .messageClient()
        .addConnectionListener(
            new ConnectionListener() {
              @Override
              public void connected(boolean reconnected) {
                if (reconnected) {
                  worker.execute(CibMirror.this::refreshQuietly);
                }
              }
            });
    client.subscribe(
        body -> worker.execute(() -> onDiff(body)), body -> worker.execute(this::refreshQuietly));
    await(worker.submit(this::refresh));
  }

  public CibDocument cib() {
    return cib;
  }

  /** How many times the whole CIB was read (the first read included). */
  public long refreshes() {
    return refreshes.get();
  }

  /** How many diffs were applied to the copy. */
  public long diffsApplied() {
    return diffs.get();
  }

  private void onDiff(JsonNode body) {
    CibDocument current = cib;
    if (body.path("restricted").asBoolean()) {
      refreshQuietly();
      return;
    }
    try {
      CibDiff d = DiffCodec.fromJson(body);
      if (!d.to().isNewerThan(current.version())) {
        return; // Already in the copy (read by a refresh after the diff was sent).
      }
      cib = DiffPatch.apply(current, d);
      diffs.incrementAndGet();
      onChange.accept(cib);
    } catch (CibException | IllegalArgumentException e) {
      log.info(
          "CIB diff not applicable to the local copy ({}); reading the whole CIB", e.getMessage());
      refreshQuietly();
    }
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      log.warn("reading the whole CIB failed: {}", e.getMessage());
    }
  }

  private Void refresh() {
    CibDocument fresh = CibDocument.parse(client.query(CibQuery.whole()), "the CIB daemon");
    refreshes.incrementAndGet();
    cib = fresh;
    onChange.accept(fresh);
    return null;
  }

  /** Reads the whole CIB now and waits for it. */
  public void refreshNow() {
    await(worker.submit(this::refresh));
  }

  private static void await(Future<?> f) {
    try {
      f.get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof CibException c) {
        throw c;
      }
      throw new CibException(CibError.FAILED, "reading the CIB failed: " + e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new CibException(CibError.FAILED, "reading the CIB timed out");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CibException(CibError.FAILED, "interrupted while reading the CIB");
    }
  }

  @Override
  public void close() {
    worker.shutdownNow();
    client.close();
  }
}
