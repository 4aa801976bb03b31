package org.pacer.messaging.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The body of an ERROR envelope: a stable machine-readable code and a sentence for the operator.
 *
 * @param code e.g. {@link #NO_HANDLER}; handlers may define their own
 * @param message what went wrong, naming the thing that was wrong
 */
public record ErrorBody(String code, String message) {

  /** No handler is registered for the request type. */
  public static final String NO_HANDLER = "NO_HANDLER";

  /** The request's deadline passed before it was handled. */
  public static final String DEADLINE_EXCEEDED = "DEADLINE_EXCEEDED";

  /** The request body was not what the handler accepts. */
  public static final String BAD_REQUEST = "BAD_REQUEST";

  /** The caller may not do this (peer credentials, password or ACL). */
  public static final String FORBIDDEN = "FORBIDDEN";

  /** The handler failed unexpectedly; the message says how. */
  public static final String INTERNAL = "INTERNAL";

  /** The protocol between client and server was not followed (e.g. a request before HELLO). */
  public static final String PROTOCOL = "PROTOCOL";

  public JsonNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("code", code);
    node.put("message", message);
    return node;
  }

  /** Reads an error body, tolerating a peer that sent something else. */
  public static ErrorBody fromJson(JsonNode node) {
    String code = node.path("code").asText("UNKNOWN");
    String message = node.path("message").asText(node.toString());
    return new ErrorBody(code, message);
  }
}
