package org.pacer.crmd.sim;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.pacer.crmd.controller.OpRequest;
import org.pacer.crmd.controller.OpResult;
import org.pacer.crmd.history.OpStatus;

/**
 * A node's executor and, beneath it, the truth about what runs there: {@link #running} survives the
 * death of the node's daemons (agents' processes keep running) and is cleared only when the node
 * loses power (fencing). Operations on one resource run one at a time, as Pacemaker's executor runs
 * them.
 */
final class SimExecutor {

  /** What really runs on this node: the simulation's ground truth. */
  final Set<String> running = new HashSet<>();

  private final Map<String, Deque<OpRequest>> queues = new HashMap<>();
  private final Map<String, Boolean> busy = new HashMap<>();

  /** Recurring monitors: resource → the rc last reported. */
  final Map<String, Integer> monitors = new HashMap<>();

  private int callId;

  /** Queues an op; returns true when it may begin now. */
  boolean submit(OpRequest r) {
    queues.computeIfAbsent(r.resource().id(), k -> new ArrayDeque<>()).addLast(r);
    return !busy.getOrDefault(r.resource().id(), false);
  }

  /** Takes the next op of a resource to begin, or null. */
  OpRequest begin(String rsc) {
    Deque<OpRequest> q = queues.get(rsc);
    if (q == null || q.isEmpty()) {
      busy.put(rsc, false);
      return null;
    }
    busy.put(rsc, true);
    OpRequest r = q.removeFirst();
    if (r.operation().equals("start")) {
      // A start may have effects from its first moment; count it as running at once.
      running.add(rsc);
    }
    return r;
  }

  /** Finishes an op: applies it to the truth and says what the agent returned. */
  OpResult finish(OpRequest r, boolean fail, long nowSec) {
    String rsc = r.resource().id();
    int rc;
    switch (r.operation()) {
      case "start" -> rc = fail ? OpStatus.RC_ERROR : OpStatus.RC_OK;
      case "stop" -> {
        if (fail) {
          rc = OpStatus.RC_ERROR;
        } else {
          running.remove(rsc);
          monitors.remove(rsc);
          rc = OpStatus.RC_OK;
        }
      }
      case "monitor" -> {
        rc = running.contains(rsc) ? OpStatus.RC_OK : OpStatus.RC_NOT_RUNNING;
        if (r.intervalMs() > 0) {
          monitors.put(rsc, rc);
        }
      }
      default -> rc = OpStatus.RC_ERROR;
    }
    busy.put(rsc, false);
    return new OpResult(
        r.resource(),
        r.operation(),
        r.intervalMs(),
        ++callId,
        rc,
        OpStatus.DONE,
        rc == 0 || rc == 7 ? "" : "simulated failure",
        1,
        0,
        nowSec,
        r.transitionKey());
  }

  /** Daemons died: queued work and recurring monitors are gone; what runs keeps running. */
  void daemonsDied() {
    queues.clear();
    busy.clear();
    monitors.clear();
  }

  /** Power lost: nothing runs any more. */
  void powerLost() {
    daemonsDied();
    running.clear();
  }
}
