package org.pacer.cib.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.pacer.cib.daemon.CibProtocol;
import org.pacer.cib.document.CibError;
import org.pacer.cib.document.CibException;
import org.pacer.cib.document.CibVersion;
import org.pacer.cib.ops.CibQuery;
import org.pacer.cib.ops.CibWrite;
import org.pacer.cib.replication.ReplicationCodec;
import org.pacer.messaging.rpc.ClientOptions;
import org.pacer.messaging.rpc.ConnectionLostException;
import org.pacer.messaging.rpc.DeadlineExceededException;
import org.pacer.messaging.rpc.MessageClient;
import org.pacer.messaging.rpc.RemoteException;
import org.pacer.messaging.transport.Endpoint;
import org.pacer.messaging.transport.EventLoops;

/**
 * The Java client of a CIB daemon, over its local socket or remotely over TCP/TLS. Writes that meet
 * a synchronisation in progress are retried with a growing pause until the timeout, so callers see
 * only final answers.
 */
public final class CibClient implements CibConnection {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final MessageClient client;
  private final EventLoops ownLoops;
  private final Duration timeout;
  private final String clientName;
  private final Clock clock;
  private volatile String asUser;

  private CibClient(
      MessageClient client, EventLoops ownLoops, Duration timeout, String clientName, Clock clock) {
    this.client = client;
    this.ownLoops = ownLoops;
    this.timeout = timeout;
    this.clientName = clientName;
    this.clock = clock;
  }

  /**
   * Connects to a daemon.
   *
   * @param loops event loops to use, or null to make (and own) a small set
   * @throws CibException {@link CibError#DISCONNECTED} when nothing answers at the endpoint, or
   *     {@link CibError#NOT_AUTHENTICATED} when the daemon refused the credentials
   */
  public static CibClient connect(
      EventLoops loops, Endpoint endpoint, ClientOptions options, Duration timeout) {
    EventLoops own = loops == null ? EventLoops.create("cib-client", 1) : null;
    try {
      MessageClient c = MessageClient.connect(loops == null ? own : loops, endpoint, options);
      return new CibClient(c, own, timeout, options.name(), options.clock());
    } catch (IOException e) {
      if (own != null) {
        own.close();
      }
      String msg = String.valueOf(e.getMessage());
      boolean refused =
          msg.contains("password") || msg.contains("authenticat") || msg.contains("refused");
      throw new CibException(
          refused && endpoint instanceof Endpoint.Tcp
              ? CibError.NOT_AUTHENTICATED
              : CibError.DISCONNECTED,
          "cannot connect to the CIB at " + endpoint + ": " + msg);
    }
  }

  /** Acts as another user for ACLs (only honoured when this process is root or hacluster). */
  public CibClient actingAs(String user) {
    this.asUser = user;
    return this;
  }

  public MessageClient messageClient() {
    return client;
  }

  @Override
  public String query(CibQuery query) {
    ObjectNode body = F.objectNode();
    if (query.scope() != null) {
      body.put("scope", query.scope().tag());
    }
    if (query.xpath() != null) {
      body.put("xpath", query.xpath());
    }
    body.put("nodePath", query.nodePath());
    body.put("noChildren", query.noChildren());
    user(body);
    return call(CibProtocol.QUERY, body).path("text").asText();
  }

  @Override
  public CibVersion write(CibWrite write, CibVersion basedOn) {
    ObjectNode body = F.objectNode();
    body.set("write", ReplicationCodec.writeToJson(write));
    if (basedOn != null) {
      body.put("basedOn", basedOn.toString());
    }
    body.put("client", clientName);
    user(body);
    Instant give = clock.instant().plus(timeout);
    long pause = 20;
    while (true) {
      try {
        return CibVersion.parse(call(CibProtocol.WRITE, body).path("version").asText());
      } catch (CibException e) {
        if (e.error() != CibError.RETRY
            || clock.instant().plus(Duration.ofMillis(pause)).isAfter(give)) {
          throw e;
        }
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CibException(CibError.FAILED, "interrupted while waiting to retry a write");
      }
      pause = Math.min(pause * 2, 500);
    }
  }

  /** The daemon's replica state: node, version, digest, syncing, members. */
  public JsonNode status() {
    return call(CibProtocol.STATUS, F.objectNode());
  }

  /** Subscribes to diffs ({@link org.pacer.cib.diff.DiffCodec}) and refreshes. */
  public void subscribe(Consumer<JsonNode> onDiff, Consumer<JsonNode> onRefresh) {
    await(client.subscribe(CibProtocol.DIFF, onDiff).toCompletableFuture(), CibProtocol.DIFF);
    await(
        client.subscribe(CibProtocol.REFRESH, onRefresh).toCompletableFuture(),
        CibProtocol.REFRESH);
  }

  private void user(ObjectNode body) {
    if (asUser != null) {
      body.put("asUser", asUser);
    }
  }

  private JsonNode call(String type, JsonNode body) {
    return await(client.request(type, body, timeout), type);
  }

  private <T> T await(java.util.concurrent.CompletableFuture<T> f, String what) {
    try {
      return f.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | CompletionException e) {
      throw translate(e.getCause() == null ? e : e.getCause(), what);
    } catch (TimeoutException e) {
      throw new CibException(
          CibError.FAILED, what + " timed out after " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CibException(CibError.FAILED, "interrupted during " + what);
    }
  }

  static CibException translate(Throwable t, String what) {
    if (t instanceof RemoteException r) {
      String code = r.code();
      if (code != null && code.startsWith("CIB_")) {
        try {
          return new CibException(CibError.valueOf(code.substring(4)), r.getMessage());
        } catch (IllegalArgumentException e) {
          // Fall through: a code from a newer daemon.
        }
      }
      if ("FORBIDDEN".equalsIgnoreCase(code)) {
        return new CibException(CibError.PERMISSION_DENIED, r.getMessage());
      }
      return new CibException(CibError.FAILED, what + " failed: " + r.getMessage());
    }
    if (t instanceof ConnectionLostException) {
      return new CibException(
          CibError.DISCONNECTED, what + ": the connection to the CIB daemon was lost");
    }
    if (t instanceof DeadlineExceededException) {
      return new CibException(CibError.FAILED, what + " timed out");
    }
    return new CibException(CibError.FAILED, what + " failed: " + t);
  }

  @Override
  public String describe() {
    return client.endpoint().toString();
  }

  @Override
  public void close() {
    client.close();
    if (ownLoops != null) {
      ownLoops.close();
    }
  }
}
