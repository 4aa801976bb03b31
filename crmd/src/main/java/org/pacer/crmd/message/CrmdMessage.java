package org.pacer.crmd.message;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;
import org.pacer.crmd.graph.ResourceRef;
import org.pacer.crmd.history.OpRecord;
import org.pacer.crmd.history.ResourceHistory;

/**
 * What controllers say to each other in the {@code crmd} process group. The group delivers every
 * message to every member in one agreed order, with membership changes at the same point of that
 * order for all; each message that belongs to an election round carries the view id it was sent in,
 * and a receiver in another view ignores it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "msg")
@JsonSubTypes({
  @JsonSubTypes.Type(value = CrmdMessage.Vote.class, name = "vote"),
  @JsonSubTypes.Type(value = CrmdMessage.ElectionCutoff.class, name = "election-cutoff"),
  @JsonSubTypes.Type(value = CrmdMessage.JoinRequest.class, name = "join-request"),
  @JsonSubTypes.Type(value = CrmdMessage.JoinConfirm.class, name = "join-confirm"),
  @JsonSubTypes.Type(value = CrmdMessage.ExecuteAction.class, name = "execute"),
  @JsonSubTypes.Type(value = CrmdMessage.ActionResult.class, name = "result"),
  @JsonSubTypes.Type(value = CrmdMessage.AttrUpdate.class, name = "attr-update"),
  @JsonSubTypes.Type(value = CrmdMessage.AttrSync.class, name = "attr-sync"),
  @JsonSubTypes.Type(value = CrmdMessage.Shutdown.class, name = "shutdown"),
  @JsonSubTypes.Type(value = CrmdMessage.Cleanup.class, name = "cleanup"),
  @JsonSubTypes.Type(value = CrmdMessage.NodeDown.class, name = "node-down")
})
public sealed interface CrmdMessage {

  /**
   * One member's election ballot for a view. Everyone compares the same ballots in the same view,
   * so everyone picks the same DC without another round trip.
   *
   * @param incumbent the sender was DC when the view changed (so a join does not move the DC)
   * @param uptimeMs how long the sender's controller has run
   */
  record Vote(long viewId, String node, int version, boolean incumbent, long uptimeMs)
      implements CrmdMessage {}

  /**
   * A member waited too long for the round's ballots: the round is decided among the votes
   * delivered before this message, at the same point for everyone.
   */
  record ElectionCutoff(long viewId, String node) implements CrmdMessage {}

  /**
   * A member's answer to the election result: its node id, its executor's history, and what it
   * knows of every node's last membership and last confirmed down time (see {@link PeerSeen}).
   */
  record JoinRequest(
      long viewId,
      String node,
      String nodeId,
      List<ResourceHistory> history,
      Map<String, PeerSeen> peers)
      implements CrmdMessage {}

  /** The DC has recorded every member's state: they are joined. It passes on the merged peers. */
  record JoinConfirm(long viewId, String dc, Map<String, PeerSeen> peers) implements CrmdMessage {}

  /**
   * The last view in which a node was seen as a member, and the last view at which it was confirmed
   * down (fenced, or shut down cleanly). View ids only grow across the whole cluster, so a node
   * whose last membership is newer than its last confirmed down may still run resources: absent, it
   * is unclean, whatever a stale copy of the CIB says.
   */
  record PeerSeen(long lastMemberEpoch, long lastDownEpoch) {
    public boolean unclean() {
      return lastMemberEpoch > lastDownEpoch;
    }

    public PeerSeen merge(PeerSeen o) {
      return new PeerSeen(
          Math.max(lastMemberEpoch, o.lastMemberEpoch), Math.max(lastDownEpoch, o.lastDownEpoch));
    }
  }

  /** A node was confirmed down (fenced) at this epoch: nothing runs there. */
  record NodeDown(long epoch, String node) implements CrmdMessage {}

  /** The DC asks a node to run one operation of the graph through that node's executor. */
  record ExecuteAction(
      long viewId,
      String dc,
      String target,
      ResourceRef resource,
      String operation,
      long intervalMs,
      long timeoutMs,
      Map<String, String> parameters,
      String transitionKey)
      implements CrmdMessage {}

  /**
   * A node's executor finished an operation.
   *
   * @param op the result, matched to the graph by its transition key
   * @param after the resource's whole history on that node now, or null when it was forgotten
   */
  record ActionResult(String node, ResourceRef resource, OpRecord op, ResourceHistory after)
      implements CrmdMessage {}

  /**
   * Sets a transient node attribute. {@code value} may be {@code NAME++} or {@code NAME+=N}, which
   * every member expands against the value it holds, in the group's order.
   *
   * @param value the new value; null keeps the value (a dampening-only change); "" unsets it
   * @param dampenMs the new dampening; null keeps it
   */
  record AttrUpdate(
      String node, String name, String value, Long dampenMs, String set, boolean isPrivate)
      implements CrmdMessage {}

  /** A member's own transient attributes, sent after each view change to align replicas. */
  record AttrSync(long viewId, String node, Map<String, AttrState> attributes)
      implements CrmdMessage {}

  /** The DC tells a node its resources are gone and it may stop its controller. */
  record Shutdown(long viewId, String dc, String target) implements CrmdMessage {}

  /** Clear a resource's history and fail counts on a node, so it is probed again. */
  record Cleanup(String node, String resourceId) implements CrmdMessage {}

  /** One attribute's value and settings as held in the replicated store. */
  record AttrState(String value, long dampenMs, String set, boolean isPrivate) {}
}
