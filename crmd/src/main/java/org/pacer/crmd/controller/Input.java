package org.pacer.crmd.controller;

import java.util.List;
import org.pacer.crmd.message.CrmdMessage;
import org.pacer.crmd.message.Member;

/** Everything that happens to a controller. */
public sealed interface Input {

  /**
   * The {@code crmd} process group's membership changed (a configuration change), delivered at the
   * same point of the message order on every member.
   *
   * @param viewId names this view: every member of it must see the same value, and consecutive
   *     views differ (a digest of the members with their process ids will do); it is compared only
   *     for equality
   * @param epoch orders views cluster-wide: never smaller than the epoch of any earlier view in any
   *     partition (the membership ring's sequence number); it decides which of "last seen as a
   *     member" and "last confirmed down" is newer, so when unsure, a larger value is the safe side
   * @param members the controllers in the group, this one included
   */
  record ViewChanged(long viewId, long epoch, List<Member> members) implements Input {
    /** A view whose id also orders it (the simulator's views, and tests). */
    public ViewChanged(long viewId, List<Member> members) {
      this(viewId, viewId, members);
    }
  }

  /** A group message, in agreed order. */
  record Delivered(String from, CrmdMessage message) implements Input {}

  /** The cluster gained or lost quorum (votequorum). */
  record QuorumChanged(boolean quorate) implements Input {}

  record TimerFired(TimerKey key) implements Input {}

  /** The local executor finished an operation (or a recurring one reported a change). */
  record ExecutorCompleted(OpResult result) implements Input {}

  /** A fencing operation this controller asked for ended. */
  record FencingCompleted(String target, String action, boolean ok, String reason)
      implements Input {}

  /**
   * The fencer reports a fencing that succeeded, whoever asked for it (an operator's {@code crm
   * node fence}, another node's controller): stonithd tells every node's controller of every
   * result, as Pacemaker's fencer notifies its controllers.
   *
   * @param origin the node where the fencing was asked for
   * @param client who asked (pacer-crmd, stonith_admin...)
   * @param completedAt when it succeeded (epoch ms, the clock of the node that decided it)
   */
  record FencingObserved(
      String target, String action, String origin, String client, long completedAt)
      implements Input {}

  /** The scheduler answered {@link Effect.ComputeGraph}. */
  record GraphReady(long requestId, String graphXml) implements Input {}

  /** The scheduler (or the CIB read before it) failed. */
  record GraphFailed(long requestId, String reason) implements Input {}

  /**
   * The CIB changed in a way the scheduler must see: configuration, or status written by someone
   * other than this controller.
   */
  record CibChanged(String what) implements Input {}

  /** A local client sets a transient attribute (attrd_updater, crm_attribute -l reboot). */
  record SetAttribute(CrmdMessage.AttrUpdate update) implements Input {}

  /**
   * This node is to stop gracefully: it asks the cluster (the {@code shutdown} attribute, as
   * Pacemaker's controller does) to move its resources away; the DC then tells it to go.
   */
  record ShutdownRequested() implements Input {}

  /** The operator asked for cleanup of a resource's history and fail counts on a node. */
  record Cleanup(String node, String resourceId) implements Input {}
}
