package org.pacer.lrmd.executor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the executor knows of one resource: its queue, recurring operations and history. */
final class ResourceState {
  ResourceDefinition definition;
  final Deque<Pending> queue = new ArrayDeque<>();

  /** One-shot operations waiting out their start-delay, by call id. */
  final Map<Long, Delayed> delayed = new LinkedHashMap<>();

  final Map<String, Recurring> recurring = new LinkedHashMap<>();
  final Map<String, OperationResult> lastByOperation = new LinkedHashMap<>();
  final Deque<OperationResult> recent = new ArrayDeque<>();
  Pending inFlight;
  boolean removed;

  ResourceState(ResourceDefinition definition) {
    this.definition = definition;
  }
}
