package org.pacer.crmd.port;

import java.util.List;
import java.util.function.Consumer;
import org.pacer.crmd.controller.OpRequest;
import org.pacer.crmd.controller.OpResult;
import org.pacer.crmd.graph.ResourceRef;
import org.pacer.crmd.history.ResourceHistory;

/** The node's executor (lrmd). */
public interface ExecutorPort extends AutoCloseable {

  /** Every result from now on, on any thread; {@code onResult} must not block. */
  void subscribe(Consumer<OpResult> onResult) throws Exception;

  /** What the executor has run (its last results, as the status section records them). */
  List<ResourceHistory> history() throws Exception;

  /** Submits an operation; its result arrives through the subscription. */
  void execute(OpRequest request);

  void cancel(ResourceRef resource, String operation, long intervalMs);

  /** Forgets a resource and its history. */
  void forget(String resourceId);

  @Override
  void close();
}
