package org.pacer.messaging.rpc;

/** The connection closed (or was never there) while the call was pending. */
public final class ConnectionLostException extends MessagingException {
  public ConnectionLostException(String message) {
    super(message);
  }

  public ConnectionLostException(String message, Throwable cause) {
    super(message, cause);
  }
}
