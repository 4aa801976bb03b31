package org.pacer.membership.node;

import org.pacer.membership.cpg.CpgEvent;
import org.pacer.membership.cpg.ProcessId;
import org.pacer.membership.quorum.QuorumState;
import org.pacer.membership.totem.TotemEffect;

/** What a membership node asks its driver to do. */
public sealed interface NodeEffect
    permits NodeEffect.Totem, NodeEffect.Client, NodeEffect.Quorum, NodeEffect.LmsTimer {

  /**
   * A ring effect: packets and timers to carry out; configuration and link changes to report; and
   * deliveries of raw (service 0) messages, which only tests and benchmarks send.
   */
  record Totem(TotemEffect effect) implements NodeEffect {}

  /** An event for one local process-group member. */
  record Client(ProcessId to, CpgEvent event) implements NodeEffect {}

  /** Quorum changed; tell subscribers. */
  record Quorum(QuorumState state) implements NodeEffect {}

  /** Arm the last_man_standing timer to fire at {@code at}, or cancel it when {@code at} is 0. */
  record LmsTimer(long at) implements NodeEffect {}
}
