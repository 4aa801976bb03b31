package org.pacer.stonithd.coordination;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pacer.stonithd.config.DeviceConfig;
import org.pacer.stonithd.config.FencingConfig;
import org.pacer.stonithd.config.TopologyLevel;

/**
 * The decisions the coordinator derives from an operation's replicated state: who coordinates it,
 * when the query is complete, which levels to try and which member runs a device. Functions of
 * their arguments only, so every member that holds the same state decides the same.
 */
final class Planner {

  private Planner() {}

  static boolean allReplied(Operation op, List<String> members) {
    for (String w : op.witnesses) {
      if (members.contains(w) && !w.equals(op.target()) && !op.replies.containsKey(w)) {
        return false;
      }
    }
    return true;
  }

  /** The levels to try: the target's topology, else each capable device by priority. */
  static List<List<String>> plan(Operation op, FencingConfig config, List<String> members) {
    List<TopologyLevel> levels = config.levelsFor(op.target());
    List<List<String>> plan = new ArrayList<>();
    if (!levels.isEmpty()) {
      for (TopologyLevel level : levels) {
        plan.add(level.devices());
      }
      return plan;
    }
    Set<String> offered = new HashSet<>();
    op.replies.forEach(
        (node, devices) -> {
          if (!node.equals(op.target()) && members.contains(node)) {
            offered.addAll(devices);
          }
        });
    for (DeviceConfig d : config.devicesByPriority()) {
      if (offered.remove(d.id())) {
        plan.add(List.of(d.id()));
      }
    }
    // Devices a member offers that this node's CIB does not have yet (a newer configuration).
    offered.stream().sorted().forEach(id -> plan.add(List.of(id)));
    return plan;
  }

  static boolean offeredBySomeone(Operation op, String device) {
    return op.replies.values().stream().anyMatch(devices -> devices.contains(device));
  }

  static Optional<String> executor(Operation op, String device, List<String> members) {
    List<String> candidates = new ArrayList<>();
    op.replies.forEach(
        (node, devices) -> {
          if (devices.contains(device)
              && members.contains(node)
              && !node.equals(op.target())
              && !op.tried.contains(node)) {
            candidates.add(node);
          }
        });
    if (candidates.contains(op.request.origin())) {
      return Optional.of(op.request.origin());
    }
    return candidates.stream().sorted().findFirst();
  }

  /**
   * The origin while it is a witness and not the target, else the lowest-named witness that is not
   * the target, else the target itself when it is the only witness left (it cannot fence itself,
   * but it finishes the operation as failed on every member that knows it). Witnesses are members
   * by construction (see {@link Operation#witnesses}).
   */
  static Optional<String> coordinator(Operation op) {
    String origin = op.request.origin();
    if (op.witnesses.contains(origin) && !origin.equals(op.target())) {
      return Optional.of(origin);
    }
    Optional<String> witness =
        op.witnesses.stream().filter(w -> !w.equals(op.target())).sorted().findFirst();
    if (witness.isPresent()) {
      return witness;
    }
    return op.witnesses.contains(op.target()) ? Optional.of(op.target()) : Optional.empty();
  }
}
