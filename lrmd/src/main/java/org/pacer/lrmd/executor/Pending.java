package org.pacer.lrmd.executor;

/** One run of an operation, from queued to finished. */
final class Pending {
  final long call;
  final OperationRequest request;
  final long plannedMs;
  final Recurring recurring;
  long startedMs;
  Scheduler.Cancellable guard;
  boolean done;

  Pending(long call, OperationRequest request, long plannedMs, Recurring recurring) {
    this.call = call;
    this.request = request;
    this.plannedMs = plannedMs;
    this.recurring = recurring;
  }
}
