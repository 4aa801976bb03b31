package org.pacer.membership.client;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.pacer.membership.api.QuorumInfo;
import org.pacer.membership.api.Requests;
import org.pacer.messaging.envelope.Json;
import org.pacer.messaging.rpc.MessageClient;

/** votequorum for local daemons: the current state, changes as they happen, expected votes. */
public final class QuorumClient {

  private final MessageClient client;

  QuorumClient(MessageClient client) {
    this.client = client;
  }

  public CompletableFuture<QuorumInfo> get() {
    return client.request(Requests.QUORUM, null, QuorumInfo.class, MembershipClient.TIMEOUT);
  }

  /**
   * Calls {@code listener} on every quorum change (on an I/O thread: it must not block). Ask {@link
   * #get} after subscribing for the state before the first change.
   */
  public CompletableFuture<Void> subscribe(Consumer<QuorumInfo> listener) {
    return client.subscribe(
        Requests.QUORUM_TOPIC, body -> listener.accept(Json.fromTree(body, QuorumInfo.class)));
  }

  /** Sets expected votes cluster-wide (corosync-quorumtool -e). */
  public CompletableFuture<QuorumInfo> setExpectedVotes(int votes) {
    return client.request(
        Requests.SET_EXPECTED,
        new Requests.SetExpected(votes),
        QuorumInfo.class,
        MembershipClient.TIMEOUT);
  }
}
