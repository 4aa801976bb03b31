package org.pacer.stonithd.coordination;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A running operation as a member holds it, sent to joining members so that they hold the same
 * state as everyone else from the moment they join (and so decide merges the same way).
 *
 * @param remainingMs time left until the operation's deadline at the sender
 */
public record OperationSnapshot(
    FencingMessage.Request request,
    List<String> witnesses,
    long remainingMs,
    String phase,
    int round,
    Map<String, List<String>> replies,
    List<List<String>> plan,
    List<String> failures,
    int level,
    int position,
    int step,
    String device,
    String executor,
    boolean delayUsed,
    String lastExecutor,
    List<String> delegates,
    List<String> mergedIds) {

  static OperationSnapshot of(Operation op, long now) {
    return new OperationSnapshot(
        op.request,
        List.copyOf(op.witnesses),
        Math.max(0, op.deadline - now),
        op.phase.name(),
        op.round,
        Map.copyOf(op.replies),
        op.plan,
        List.copyOf(op.failures),
        op.level,
        op.position,
        op.step,
        op.device,
        op.executor,
        op.delayUsed,
        op.lastExecutor,
        List.copyOf(op.delegates),
        List.copyOf(op.mergedIds));
  }

  Operation restore(long now) {
    Operation op = new Operation(request, witnesses, now + remainingMs);
    op.phase = Operation.Phase.valueOf(phase);
    op.round = round;
    op.replies.putAll(replies);
    op.plan = plan;
    op.failures = new ArrayList<>(failures);
    op.level = level;
    op.position = position;
    op.step = step;
    op.device = device;
    op.executor = executor;
    op.delayUsed = delayUsed;
    op.lastExecutor = lastExecutor;
    op.delegates.addAll(delegates);
    op.mergedIds.addAll(mergedIds);
    return op;
  }
}
