package org.pacer.crmd.controller;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.pacer.crmd.attrs.AttributeStore;
import org.pacer.crmd.cib.CibUpdate;
import org.pacer.crmd.history.OpRecord;
import org.pacer.crmd.history.OpStatus;
import org.pacer.crmd.message.CrmdMessage;
import org.pacer.crmd.message.CrmdMessage.AttrState;
import org.pacer.crmd.message.Member;

/**
 * The DC's side of node attributes: writing the replicated values to the status section (at once,
 * or once the dampening delay after the first change has run out) and keeping fail counts.
 */
final class AttributeWriter {

  private final Controller c;
  private final Set<String> dampening = new HashSet<>();
  private final Map<String, String> written = new HashMap<>();

  AttributeWriter(Controller controller) {
    this.c = controller;
  }

  /** A new DC rewrites every member's attributes in full. */
  void rewriteAll() {
    for (String node : c.memberNames()) {
      Map<String, String> values = new TreeMap<>();
      c.attributes()
          .attributes(node)
          .forEach(
              (name, st) -> {
                if (!st.isPrivate() && !st.value().isEmpty()) {
                  values.put(name, st.value());
                }
                written.put(key(node, name), st.value());
              });
      c.emit(
          new Effect.UpdateCib(
              new CibUpdate.TransientAttributesReplace(c.nodeId(node), node, values)));
    }
  }

  /** A replica changed; returns whether the CIB changed now (the scheduler must look again). */
  boolean changed(AttributeStore.Change change) {
    if (change.state().isPrivate()) {
      return false;
    }
    long dampen = change.state().dampenMs();
    if (dampen <= 0) {
      return write(change.name());
    }
    if (dampening.add(change.name())) {
      c.emit(new Effect.SetTimer(new TimerKey.AttributeDampen(change.name()), dampen));
    }
    return false;
  }

  /** The dampening of {@code name} ran out; returns whether the CIB changed. */
  boolean dampened(String name) {
    dampening.remove(name);
    return write(name);
  }

  void cancelTimers() {
    for (String name : dampening) {
      c.emit(new Effect.CancelTimer(new TimerKey.AttributeDampen(name)));
    }
  }

  private boolean write(String name) {
    boolean changed = false;
    for (Member m : c.members()) {
      AttrState st = c.attributes().state(m.name(), name);
      if (st != null && st.isPrivate()) {
        continue;
      }
      String value = st == null ? "" : st.value();
      if (value.equals(written.getOrDefault(key(m.name(), name), ""))) {
        continue;
      }
      written.put(key(m.name(), name), value);
      changed = true;
      c.emit(
          new Effect.UpdateCib(
              new CibUpdate.TransientAttribute(
                  m.id(),
                  m.name(),
                  st == null ? null : st.set(),
                  name,
                  value.isEmpty() ? null : value)));
    }
    return changed;
  }

  private static String key(String node, String name) {
    return node + "\u0000" + name;
  }

  // ---- fail counts ----

  /** Whether a result counts as a failure (a probe finding a resource active or not does not). */
  static boolean isFailure(OpRecord op) {
    if (op.pending() || op.opStatus() == OpStatus.CANCELLED) {
      return false;
    }
    if (op.operation().equals("monitor")
        && op.intervalMs() == 0
        && op.opStatus() == OpStatus.DONE) {
      return op.rcCode() != OpStatus.RC_OK
          && op.rcCode() != OpStatus.RC_NOT_RUNNING
          && op.rcCode() != OpStatus.RC_RUNNING_PROMOTED;
    }
    return !op.succeeded();
  }

  /**
   * {@code fail-count-RSC#OP_INTERVAL} grows by one (INFINITY for a failed start when
   * start-failure-is-fatal) and {@code last-failure-RSC#OP_INTERVAL} records when.
   */
  void countFailure(String node, String rsc, OpRecord op) {
    String suffix = rsc + "#" + op.operation() + "_" + op.intervalMs();
    String failCount = "fail-count-" + suffix;
    String value =
        op.operation().equals("start") && c.options().startFailureIsFatal()
            ? "INFINITY"
            : failCount + "++";
    broadcast(node, failCount, value);
    broadcast(node, "last-failure-" + suffix, Long.toString(op.lastRcChange()));
  }

  void clearFailCounts(String node, String rsc) {
    for (String name : c.attributes().attributes(node).keySet()) {
      if (name.startsWith("fail-count-" + rsc + "#")
          || name.startsWith("last-failure-" + rsc + "#")) {
        broadcast(node, name, "");
      }
    }
  }

  private void broadcast(String node, String name, String value) {
    c.emit(new Effect.Broadcast(new CrmdMessage.AttrUpdate(node, name, value, null, null, false)));
  }
}
