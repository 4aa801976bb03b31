package org.pacer.stonithd.coordination;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One fencing operation as every member that saw its request keeps it. Changed only by delivered
 * messages and configuration changes, which every member sees in the same order, so the copies
 * agree; the coordinator's private bits (which executors it tried) are marked as such.
 */
final class Operation {

  enum Phase {
    QUERYING,
    EXECUTING
  }

  final FencingMessage.Request request;

  /**
   * Members that have known this operation since its request was delivered. A member that leaves is
   * struck off for good: if it comes back (restarted, or from the other side of a partition) it may
   * not hold the operation any more.
   */
  final List<String> witnesses;

  /** Local time after which the operation fails. */
  final long deadline;

  final List<String> delegates = new ArrayList<>();
  final List<String> mergedIds = new ArrayList<>();

  Phase phase = Phase.QUERYING;
  int round;
  final Map<String, List<String>> replies = new LinkedHashMap<>();

  List<List<String>> plan = List.of();
  List<String> failures = new ArrayList<>();
  int level;
  int position;
  int step;
  String device = "";
  String executor = "";
  boolean delayUsed;
  String lastExecutor = "";

  /** Coordinator only: executors already tried for the current device. */
  final Set<String> tried = new HashSet<>();

  Operation(FencingMessage.Request request, List<String> witnesses, long deadline) {
    this.request = request;
    this.witnesses = new ArrayList<>(witnesses);
    this.deadline = deadline;
  }

  String id() {
    return request.opId();
  }

  String target() {
    return request.target();
  }

  HistoryEntry entry(FenceState state, String executorNode, String reason, long completedAt) {
    return new HistoryEntry(
        request.opId(),
        request.target(),
        request.action(),
        executorNode,
        request.origin(),
        request.client(),
        state,
        reason,
        delegates,
        request.requestedAt(),
        completedAt,
        false);
  }
}
