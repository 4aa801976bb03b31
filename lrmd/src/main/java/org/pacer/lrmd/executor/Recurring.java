package org.pacer.lrmd.executor;

import org.pacer.lrmd.agent.ExecStatus;
import org.pacer.lrmd.agent.OcfCode;

/** A recurring operation: its plan and what its last run returned. */
final class Recurring {
  final long call;
  final OperationRequest request;
  long nextPlanned;
  Scheduler.Cancellable timer;
  boolean cancelled;
  OcfCode lastCode;
  ExecStatus lastStatus;

  Recurring(long call, OperationRequest request, long firstPlanned) {
    this.call = call;
    this.request = request;
    this.nextPlanned = firstPlanned;
  }
}
