package org.pacer.crmd.controller;

import org.pacer.crmd.cib.CibUpdate;
import org.pacer.crmd.graph.ResourceRef;
import org.pacer.crmd.message.CrmdMessage;

/** Everything a controller asks its shell to do. */
public sealed interface Effect {

  /** Send to the {@code crmd} group (every member, this one included, receives it in order). */
  record Broadcast(CrmdMessage message) implements Effect {}

  record SetTimer(TimerKey key, long delayMs) implements Effect {}

  record CancelTimer(TimerKey key) implements Effect {}

  /**
   * Run an operation on the local executor; it reports back with {@link Input.ExecutorCompleted}.
   */
  record ExecuteOp(OpRequest request) implements Effect {}

  /** Cancel a recurring operation on the local executor. */
  record CancelOp(ResourceRef resource, String operation, long intervalMs) implements Effect {}

  /** Forget a resource in the local executor (cleanup); its history goes with it. */
  record ForgetResource(String resourceId) implements Effect {}

  /** Fence a node; the fencer reports back with {@link Input.FencingCompleted}. */
  record Fence(String target, String action, long timeoutMs) implements Effect {}

  /** Apply a change to the CIB. */
  record UpdateCib(CibUpdate update) implements Effect {}

  /**
   * Read the CIB (after every update sent so far has applied) and ask the scheduler for a graph;
   * answer with {@link Input.GraphReady} or {@link Input.GraphFailed} carrying {@code requestId}.
   */
  record ComputeGraph(long requestId, int transitionId) implements Effect {}

  /** The DC changed, as this member sees it (null while electing). */
  record DcChanged(String dc, boolean self) implements Effect {}

  /** A transition ended (for logs, status and tests). */
  record TransitionEnded(int transitionId, String outcome, String reason) implements Effect {}

  /** Stop this controller (the DC told it to shut down). */
  record Exit(String reason) implements Effect {}
}
