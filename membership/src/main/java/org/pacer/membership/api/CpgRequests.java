package org.pacer.membership.api;

/**
 * Request bodies of the process-group API. A client names itself with an id of its choosing (unique
 * on the node, e.g. a UUID), subscribes to the topic {@link #topic} for its events, and keeps its
 * membership alive with {@code cpg.keepalive} at least every {@link #LEASE_MS} / 3: a client that
 * stops (it exited, crashed or hung) leaves its groups as a process-down change.
 */
public final class CpgRequests {

  public static final String JOIN = "cpg.join";
  public static final String LEAVE = "cpg.leave";
  public static final String SEND = "cpg.send";

  /** Several messages to one group in one request (what {@code CpgClient} sends). */
  public static final String SEND_BATCH = "cpg.send_batch";

  public static final String MEMBERS = "cpg.members";
  public static final String KEEPALIVE = "cpg.keepalive";
  public static final long LEASE_MS = 3000;

  /**
   * What the daemon's refusal says when it no longer knows a client (its lease ran out: the process
   * was paused or starved for longer than {@link #LEASE_MS}). The client then joins its groups
   * again.
   */
  public static final String NOT_JOINED = "has joined no group";

  private CpgRequests() {}

  /** The push topic of one client's events; each push is a {@link CpgPush.Batch}. */
  public static String topic(String client) {
    return "cpg." + client;
  }

  public record Join(String client, String group) {}

  public record Leave(String client, String group) {}

  public record Send(String client, String group, byte[] payload) {}

  public record SendBatch(String client, String group, java.util.List<byte[]> payloads) {}

  public record Members(String group) {}

  public record Keepalive(String client) {}
}
