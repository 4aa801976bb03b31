package org.pacer.cib.daemon;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.pacer.cib.acl.AclEnforcer;
import org.pacer.cib.document.CibDocument;
import org.pacer.cib.document.CibError;
import org.pacer.cib.document.CibException;
import org.pacer.cib.document.CibVersion;
import org.pacer.cib.ops.CibQuery;
import org.pacer.cib.ops.CibUpdater;
import org.pacer.cib.ops.CibWrite;
import org.pacer.cib.ops.WriteContext;
import org.pacer.cib.replication.CibReplica;
import org.pacer.cib.replication.ProcessGroup;
import org.pacer.cib.replication.ReplicaEffect;
import org.pacer.cib.replication.ReplicationCodec;
import org.pacer.cib.replication.ReplicationMessage;
import org.pacer.cib.replication.View;
import org.pacer.cib.schema.CibValidator;
import org.pacer.cib.store.CibStore;
import org.pacer.messaging.logging.LogContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shell around one node's {@link CibReplica}: it feeds the replica client requests and the
 * group's events on a single thread, and carries out what the replica asks for (send to the group,
 * persist, notify subscribers, answer clients). One thread owns the replica, so the replica needs
 * no locking and events are handled in the order they arrive.
 */
public final class CibService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CibService.class);

  private final String node;
  private final CibStore store;
  private final ProcessGroup group;
  private final AclEnforcer acl;
  private final Clock clock;
  private final List<CibListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final java.util.concurrent.ThreadPoolExecutor loop;

  /** A configuration version applied but not yet on disk (group commit), or null. */
  private CibDocument unsaved;

  /** Replies held back until {@link #unsaved} is on disk. */
  private final List<Runnable> heldReplies = new java.util.ArrayList<>();

  /** Replies held for one fsync at most; beyond this the batch is written at once. */
  static final int MAX_BATCH = 64;

  private final Map<Long, CompletableFuture<CibVersion>> pending = new HashMap<>();
  private CibReplica replica;
  private long requests;

  public CibService(String node, CibStore store, ProcessGroup group, AclEnforcer acl, Clock clock) {
    this.node = node;
    this.store = store;
    this.group = group;
    this.acl = acl;
    this.clock = clock;
    this.loop =
        new java.util.concurrent.ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new java.util.concurrent.LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "cib-" + node);
              t.setDaemon(true);
              return t;
            });
  }

  /** Loads the CIB from disk (refusing a damaged file for the newest good backup) and joins. */
  public CibService start() {
    CibStore.Loaded loaded = store.load();
    log.info(
        "CIB {} loaded from {}{}",
        loaded.cib().version(),
        loaded.source(),
        loaded.refused().isEmpty() ? "" : " after refusing " + loaded.refused());
    CibUpdater updater = new CibUpdater(CibValidator.standard(), acl);
    String incarnation = ProcessHandle.current().pid() + "-" + clock.millis();
    replica = new CibReplica(node, incarnation, loaded.cib(), updater::apply);
    group.join(
        "cib",
        node,
        new ProcessGroup.Listener() {
          @Override
          public void onView(View view) {
            submit(() -> effects(replica.onView(view)));
          }

          @Override
          public void onDeliver(String sender, byte[] message) {
            ReplicationMessage m;
            try {
              m = ReplicationCodec.decode(message);
            } catch (IllegalArgumentException e) {
              log.error("dropping a message from {}: {}", sender, e.getMessage());
              return;
            }
            submit(() -> effects(replica.onDeliver(sender, m)));
          }
        });
    return this;
  }

  public void addListener(CibListener listener) {
    listeners.add(listener);
  }

  private void submit(Runnable r) {
    if (loop.isShutdown()) {
      log.debug("CIB service stopped; dropping an event");
      return;
    }
    try {
      loop.execute(
          () -> {
            try (var ignored = LogContext.with(LogContext.NODE, node)) {
              r.run();
              if (loop.getQueue().isEmpty()) {
                effects(replica.idle());
              }
              if (loop.getQueue().isEmpty() || heldReplies.size() >= MAX_BATCH) {
                commit();
              }
            } catch (RuntimeException e) {
              log.error("CIB event failed: {}", e.toString(), e);
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      log.debug("CIB service stopped; dropping an event");
    }
  }

  /** Answers a query as the user may see the CIB. */
  public CompletableFuture<String> query(CibQuery query, String user) {
    return call(() -> query.render(acl.filterRead(replica.cib(), user)));
  }

  /** The current CIB as the user may see it (for subscribers' full refresh). */
  public CompletableFuture<CibDocument> current(String user) {
    return call(() -> acl.filterRead(replica.cib(), user));
  }

  /** This node's replica state, for status and tests. */
  public CompletableFuture<Status> status() {
    return call(
        () ->
            new Status(
                node,
                replica.cib().version(),
                replica.cib().digest(),
                replica.syncing(),
                replica.view() == null ? List.of() : replica.view().members()));
  }

  /** The replica's state as {@code cib.status} reports it. */
  public record Status(
      String node, CibVersion version, String digest, boolean syncing, List<String> members) {}

  /** Orders a write through the group; completes once this node has applied it. */
  public CompletableFuture<CibVersion> write(CibWrite write, WriteContext ctx) {
    CompletableFuture<CibVersion> result = new CompletableFuture<>();
    submit(
        () -> {
          long id = ++requests;
          pending.put(id, result);
          WriteContext withGroups =
              ctx.groups() == null ? ctx.withGroups(acl.groupsOf(ctx.user())) : ctx;
          effects(replica.submit(id, write, withGroups));
        });
    return result;
  }

  private <T> CompletableFuture<T> call(java.util.function.Supplier<T> work) {
    CompletableFuture<T> f = new CompletableFuture<>();
    submit(
        () -> {
          try {
            f.complete(work.get());
          } catch (RuntimeException e) {
            f.completeExceptionally(e);
          }
        });
    return f;
  }

  private void effects(List<ReplicaEffect> effects) {
    for (ReplicaEffect fx : effects) {
      if (fx instanceof ReplicaEffect.Broadcast b) {
        try {
          group.send(ReplicationCodec.encode(b.message()));
        } catch (RuntimeException e) {
          log.error("cannot send to the cib group: {}", e.getMessage());
        }
      } else if (fx instanceof ReplicaEffect.Applied a) {
        if (a.diff().touchesConfiguration()) {
          // Group commit: consecutive writes share one fsync; their clients are answered after it.
          unsaved = a.cib();
        }
        for (CibListener l : listeners) {
          l.onDiff(a.diff(), a.cib());
        }
      } else if (fx instanceof ReplicaEffect.Installed i) {
        unsaved = null;
        persist(i.cib());
        log.warn("CIB replaced by synchronisation: {}", i.decision().describe());
        for (CibListener l : listeners) {
          l.onRefresh(i.cib(), i.decision().describe());
        }
      } else if (fx instanceof ReplicaEffect.Synced s) {
        log.info("CIB synchronised: {}", s.decision().describe());
      } else if (fx instanceof ReplicaEffect.Reply r) {
        CompletableFuture<CibVersion> f = pending.remove(r.requestId());
        if (f != null) {
          Runnable answer =
              r.result().ok()
                  ? () -> f.complete(r.result().version())
                  : () ->
                      f.completeExceptionally(
                          new CibException(
                              r.result().error(), r.result().message(), r.result().problems()));
          if (unsaved != null) {
            heldReplies.add(answer);
          } else {
            answer.run();
          }
        }
      }
    }
  }

  /** Writes the newest unsaved configuration once, then answers the clients that waited for it. */
  private void commit() {
    if (unsaved != null) {
      persist(unsaved);
      unsaved = null;
    }
    if (!heldReplies.isEmpty()) {
      List<Runnable> answers = List.copyOf(heldReplies);
      heldReplies.clear();
      answers.forEach(Runnable::run);
    }
  }

  /**
   * A disk that fails must not stop the node from answering: the write is applied in memory and on
   * every other node, and the next successful write stores it. The failure is logged loudly.
   */
  private void persist(CibDocument cib) {
    try {
      store.write(cib);
    } catch (CibException e) {
      log.error("CIB {} is NOT on disk: {}", cib.version(), e.getMessage());
    }
  }

  @Override
  public void close() {
    group.close();
    loop.execute(this::commit);
    loop.execute(
        () ->
            pending
                .values()
                .forEach(
                    f ->
                        f.completeExceptionally(
                            new CibException(
                                CibError.DISCONNECTED, "the CIB daemon is stopping"))));
    loop.shutdown();
    try {
      loop.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
