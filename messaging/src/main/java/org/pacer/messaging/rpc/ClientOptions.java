package org.pacer.messaging.rpc;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a client connects and behaves when the connection goes away.
 *
 * @param name how the client names itself to the server (for the server's logs)
 * @param maxFrameBytes the largest frame accepted from the server
 * @param connectWait how long {@link MessageClient#connect} keeps trying before it gives up (0 =
 *     one attempt), so a daemon can start before the one it needs
 * @param reconnect whether a lost connection is re-established in the background
 * @param minBackoff the first delay before a reconnect attempt
 * @param maxBackoff the longest delay between reconnect attempts (the delay doubles up to it)
 * @param user for TCP: the user to authenticate as (local sockets use kernel credentials)
 * @param password for TCP: that user's password
 * @param clock where deadlines come from
 */
public record ClientOptions(
    String name,
    int maxFrameBytes,
    Duration connectWait,
    boolean reconnect,
    Duration minBackoff,
    Duration maxBackoff,
    String user,
    String password,
    Clock clock) {

  public ClientOptions {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(connectWait, "connectWait");
    Objects.requireNonNull(minBackoff, "minBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(clock, "clock");
  }

  /** Defaults for a local client: one connect attempt, then reconnect 50 ms … 2 s. */
  public static ClientOptions named(String name) {
    return new ClientOptions(
        name,
        64 * 1024 * 1024,
        Duration.ZERO,
        true,
        Duration.ofMillis(50),
        Duration.ofSeconds(2),
        null,
        null,
        Clock.systemUTC());
  }

  public ClientOptions withConnectWait(Duration wait) {
    return new ClientOptions(
        name, maxFrameBytes, wait, reconnect, minBackoff, maxBackoff, user, password, clock);
  }

  public ClientOptions withReconnect(boolean enabled) {
    return new ClientOptions(
        name, maxFrameBytes, connectWait, enabled, minBackoff, maxBackoff, user, password, clock);
  }

  public ClientOptions withBackoff(Duration min, Duration max) {
    return new ClientOptions(
        name, maxFrameBytes, connectWait, reconnect, min, max, user, password, clock);
  }

  public ClientOptions withCredentials(String user, String password) {
    return new ClientOptions(
        name, maxFrameBytes, connectWait, reconnect, minBackoff, maxBackoff, user, password, clock);
  }

  public ClientOptions withMaxFrameBytes(int bytes) {
    return new ClientOptions(
        name, bytes, connectWait, reconnect, minBackoff, maxBackoff, user, password, clock);
  }

  public ClientOptions withClock(Clock clock) {
    return new ClientOptions(
        name, maxFrameBytes, connectWait, reconnect, minBackoff, maxBackoff, user, password, clock);
  }
}
