package org.pacer.messaging.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Objects;

/**
 * One message between two Pacer processes. Every transport (local socket, TCP, TLS) carries the
 * same envelope, so handlers never care how a message arrived.
 *
 * @param kind what the envelope is for
 * @param type the application message type (e.g. {@code cib.query}) or push topic
 * @param id unique per sender connection; only grows
 * @param correlationId for RESPONSE/ERROR: the id of the REQUEST answered; otherwise 0
 * @param sender a human-readable name of the sending process (for logs)
 * @param deadline epoch milliseconds after which the sender no longer wants an answer; 0 = none
 * @param body the payload (JSON), never null
 */
public record Envelope(
    Kind kind,
    String type,
    long id,
    long correlationId,
    String sender,
    long deadline,
    JsonNode body) {

  public Envelope {
    Objects.requireNonNull(kind, "kind");
    type = type == null ? "" : type;
    sender = sender == null ? "" : sender;
    body = body == null ? NullNode.getInstance() : body;
  }

  public static Envelope request(
      long id, String type, String sender, long deadline, JsonNode body) {
    return new Envelope(Kind.REQUEST, type, id, 0, sender, deadline, body);
  }

  public static Envelope push(long id, String topic, String sender, JsonNode body) {
    return new Envelope(Kind.PUSH, topic, id, 0, sender, 0, body);
  }

  /** The answer to this envelope, correlated with it. */
  public Envelope response(long id, String sender, JsonNode body) {
    return new Envelope(Kind.RESPONSE, type, id, this.id, sender, 0, body);
  }

  /** The error answer to this envelope, correlated with it. */
  public Envelope error(long id, String sender, ErrorBody error) {
    return new Envelope(Kind.ERROR, type, id, this.id, sender, 0, error.toJson());
  }

  /** Whether the sender's deadline has passed at {@code nowMillis}. */
  public boolean expiredAt(long nowMillis) {
    return deadline > 0 && nowMillis > deadline;
  }
}
