package org.pacer.it.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.pacer.cib.client.CibClient;
import org.pacer.cib.document.CibSection;
import org.pacer.cib.ops.CibWrite;

/**
 * A cluster a test drives and the invariant checker judges, wherever its nodes run (processes on
 * this machine: {@link TestCluster}; containers: {@code ContainerCluster}): its nodes, its
 * directory of logs, where its agents log, and what tests do with any of them.
 */
public interface NodeCluster<N extends ClusterNode> {

  List<N> nodes();

  /** The cluster's directory: every node's root and logs. */
  Path dir();

  /** Where {@code ocf:pacer:Logged} resources of this cluster log (one NODE.log per node). */
  Path agentLogDir();

  /** Keep {@link #dir()} after close (call it when a test fails). */
  void keepLogs();

  /**
   * Writes cluster options and resources through the first node whose CIB answers, and returns once
   * the write is acknowledged.
   */
  default void configure(Map<String, String> options, String... resources) {
    RuntimeException last = null;
    for (N node : nodes()) {
      try (CibClient cib = node.cib()) {
        if (!options.isEmpty()) {
          cib.write(
              new CibWrite.Modify(
                  CibSection.CRM_CONFIG, null, ClusterConfig.options(options), true),
              null);
        }
        for (String resource : resources) {
          cib.write(new CibWrite.Create(CibSection.RESOURCES, resource), null);
        }
        return;
      } catch (RuntimeException e) {
        last = e;
      }
    }
    throw new AssertionError("no node's CIB took the configuration", last);
  }

  /** The DC as the first answering controller sees it, if any. */
  default Optional<N> dc() {
    for (N n : nodes()) {
      var st = n.crmdStatus();
      if (st.isPresent() && st.get().path("joined").asBoolean() && !st.get().path("dc").isNull()) {
        String dc = st.get().path("dc").asText();
        return nodes().stream().filter(x -> x.name().equals(dc)).findFirst();
      }
    }
    return Optional.empty();
  }

  /** Runs {@code action} on every node at once (start all at once, stop all at once). */
  default void onEveryNodeAtOnce(List<N> which, NodeAction<N> action) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(which.size());
    try {
      List<Future<Void>> done = new ArrayList<>();
      for (N node : which) {
        done.add(
            pool.submit(
                () -> {
                  action.run(node);
                  return null;
                }));
      }
      for (Future<Void> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Something done to one node. */
  @FunctionalInterface
  interface NodeAction<N> {
    void run(N node) throws Exception;
  }

  /** Waits for a condition, failing with {@code what} and keeping the logs after the limit. */
  default void await(String what, Duration limit, BooleanSupplier condition) {
    long giveUp = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > giveUp) {
        keepLogs();
        throw new AssertionError(
            "timed out after "
                + limit.toSeconds()
                + " s waiting for "
                + what
                + "; logs in "
                + dir());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }
}
