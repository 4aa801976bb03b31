package org.pacer.lrmd.agent;

import java.util.concurrent.CompletableFuture;

/** Runs one agent action and reports its result; never completes exceptionally. */
@FunctionalInterface
public interface AgentRunner {
  CompletableFuture<AgentResult> execute(ActionRequest request);
}
