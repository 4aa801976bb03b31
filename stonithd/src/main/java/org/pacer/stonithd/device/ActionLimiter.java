package org.pacer.stonithd.device;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * pcmk_action_limit for one device: at most {@code limit} actions run at once (-1: no limit); the
 * rest wait their turn in arrival order.
 */
final class ActionLimiter {

  private final Queue<Runnable> waiting = new ArrayDeque<>();
  private int limit;
  private int running;

  ActionLimiter(int limit) {
    this.limit = limit;
  }

  void setLimit(int newLimit) {
    synchronized (this) {
      this.limit = newLimit;
    }
    drain();
  }

  synchronized int running() {
    return running;
  }

  <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> action) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Runnable start =
        () ->
            action
                .get()
                .whenComplete(
                    (value, error) -> {
                      release();
                      if (error != null) {
                        result.completeExceptionally(error);
                      } else {
                        result.complete(value);
                      }
                    });
    boolean now;
    synchronized (this) {
      now = limit < 0 || running < limit;
      if (now) {
        running++;
      } else {
        waiting.add(start);
      }
    }
    if (now) {
      start.run();
    }
    return result;
  }

  private void release() {
    Runnable next;
    synchronized (this) {
      running--;
      next = takeNext();
    }
    if (next != null) {
      next.run();
    }
  }

  private void drain() {
    while (true) {
      Runnable next;
      synchronized (this) {
        next = takeNext();
      }
      if (next == null) {
        return;
      }
      next.run();
    }
  }

  /** Caller holds the lock. */
  private Runnable takeNext() {
    if (waiting.isEmpty() || (limit >= 0 && running >= limit)) {
      return null;
    }
    running++;
    return waiting.poll();
  }
}
