package org.pacer.membership.client;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.pacer.membership.api.Requests;
import org.pacer.membership.api.StatusReply;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.rpc.ClientOptions;
import org.pacer.messaging.rpc.MessageClient;
import org.pacer.messaging.transport.Endpoint;
import org.pacer.messaging.transport.EventLoops;

/**
 * A connection to the node's {@code pacer-membership}: status, process groups ({@link #cpg}) and
 * quorum ({@link #quorum}). The cib, crmd and stonithd daemons and the shell use it.
 */
public final class MembershipClient implements AutoCloseable {

  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final MessageClient client;

  private MembershipClient(MessageClient client) {
    this.client = client;
  }

  /**
   * Connects to {@code <run>/membership.sock}, waiting up to {@code wait} for the daemon.
   *
   * @param name the caller's name, for the daemon's logs (e.g. {@code cib})
   */
  public static MembershipClient connect(
      NodePaths paths, EventLoops loops, String name, Duration wait) throws IOException {
    MessageClient c =
        MessageClient.connect(
            loops,
            new Endpoint.Local(paths.socket(Requests.SOCKET)),
            ClientOptions.named(name).withConnectWait(wait));
    return new MembershipClient(c);
  }

  public CompletableFuture<StatusReply> status() {
    return client.request(Requests.STATUS, null, StatusReply.class, TIMEOUT);
  }

  /** A new process-group handle; each handle is one member wherever it joins. */
  public CpgClient cpg() {
    return new CpgClient(client);
  }

  public QuorumClient quorum() {
    return new QuorumClient(client);
  }

  /** The underlying connection (for subscriptions to {@link Requests#RING_TOPIC}). */
  public MessageClient connection() {
    return client;
  }

  @Override
  public void close() {
    client.close();
  }
}
