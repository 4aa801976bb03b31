package org.pacer.messaging.rpc;

/** Why a call did not get a normal answer; the message names the peer and the cause. */
public class MessagingException extends RuntimeException {
  public MessagingException(String message) {
    super(message);
  }

  public MessagingException(String message, Throwable cause) {
    super(message, cause);
  }
}
