package org.pacer.stonithd.coordination;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * What stonithd instances send each other through the {@code stonithd} group. Every message is
 * delivered to every member in the same order, so every member keeps the same table of operations;
 * only the coordinator of an operation decides (sends Execute and Done).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = FencingMessage.Request.class, name = "request"),
  @JsonSubTypes.Type(value = FencingMessage.Query.class, name = "query"),
  @JsonSubTypes.Type(value = FencingMessage.QueryReply.class, name = "query-reply"),
  @JsonSubTypes.Type(value = FencingMessage.Execute.class, name = "execute"),
  @JsonSubTypes.Type(value = FencingMessage.StepResult.class, name = "step-result"),
  @JsonSubTypes.Type(value = FencingMessage.Done.class, name = "done"),
  @JsonSubTypes.Type(value = FencingMessage.HistorySync.class, name = "history-sync"),
  @JsonSubTypes.Type(value = FencingMessage.HistoryCleanup.class, name = "history-cleanup")
})
public sealed interface FencingMessage {

  String opId();

  /**
   * A request to fence {@code target}.
   *
   * @param timeoutMs how long the whole operation may take
   * @param delayMs a delay the requester asks for before the first device runs (the controller's
   *     priority-fencing-delay), added to the device's own pcmk_delay_*
   */
  record Request(
      String opId,
      String target,
      String action,
      String origin,
      String client,
      long timeoutMs,
      long delayMs,
      long requestedAt)
      implements FencingMessage {}

  /** Asks every member again which of its devices can fence the target (after a takeover). */
  record Query(String opId, int round) implements FencingMessage {}

  /** The devices of {@code node} that can fence the operation's target. */
  record QueryReply(String opId, int round, String node, List<String> devices)
      implements FencingMessage {
    public QueryReply {
      devices = List.copyOf(devices);
    }
  }

  /**
   * The coordinator's decision: {@code executor} runs {@code device} now. It carries the plan and
   * what failed so far, so that every member holds what a successor coordinator needs.
   *
   * @param step numbers the decisions of one operation; stale results carry an older step
   * @param level index into {@code plan} of the level being tried
   * @param position index of {@code device} within that level
   * @param applyDelay true for the first device run of the operation (delays apply once)
   * @param plan the levels (device ids) in the order they are tried
   * @param failures why earlier levels failed
   */
  record Execute(
      String opId,
      int step,
      String executor,
      String device,
      int level,
      int position,
      boolean applyDelay,
      List<List<String>> plan,
      List<String> failures)
      implements FencingMessage {
    public Execute {
      plan = plan.stream().map(List::copyOf).toList();
      failures = List.copyOf(failures);
    }
  }

  /** How the device run of {@code step} ended on the executor. */
  record StepResult(
      String opId, int step, String executor, String device, boolean ok, String reason)
      implements FencingMessage {}

  /** The operation is finished; every member records the entry and tells its waiting clients. */
  record Done(String opId, HistoryEntry entry) implements FencingMessage {}

  /**
   * Sent when members join: the history, so a joining node gets what it missed, and from the
   * lowest-named member that was already there also the running operations, which the joining
   * members install before anything delivered after the join (state transfer).
   *
   * @param joiners the members that joined in the configuration change this answers (a joining
   *     member takes the state from the first sync that names it)
   */
  record HistorySync(
      String opId,
      List<String> joiners,
      List<HistoryEntry> entries,
      List<OperationSnapshot> operations)
      implements FencingMessage {
    public HistorySync {
      joiners = List.copyOf(joiners);
      entries = List.copyOf(entries);
      operations = List.copyOf(operations);
    }
  }

  /** Forgets finished history entries for {@code target} ("*": every target). */
  record HistoryCleanup(String opId, String target) implements FencingMessage {}
}
