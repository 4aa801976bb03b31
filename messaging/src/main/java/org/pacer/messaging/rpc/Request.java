package org.pacer.messaging.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import org.pacer.messaging.envelope.Json;
import org.pacer.messaging.security.PeerIdentity;

/**
 * One request as a handler sees it.
 *
 * @param id the caller's id for it (for logs: the call id)
 * @param type the message type
 * @param body the payload
 * @param peer who sent it, as the server established
 * @param deadline epoch milliseconds after which the caller no longer waits; 0 = none
 * @param connection the server's id of the connection it came on: {@link MessageServer#push} sends
 *     to it, and {@link MessageServer.Builder#onDisconnect} names it when it closes
 */
public record Request(
    long id, String type, JsonNode body, PeerIdentity peer, long deadline, long connection) {

  /**
   * The body as a record.
   *
   * @throws RequestException with code BAD_REQUEST when it does not fit
   */
  public <T> T bodyAs(Class<T> recordType) {
    try {
      return Json.fromTree(body, recordType);
    } catch (IllegalArgumentException e) {
      throw RequestException.badRequest("'" + type + "': " + e.getMessage());
    }
  }
}
