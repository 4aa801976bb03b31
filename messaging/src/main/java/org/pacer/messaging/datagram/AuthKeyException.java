package org.pacer.messaging.datagram;

/** An authkey file is missing, unreadable, too open, or of the wrong size. */
public final class AuthKeyException extends RuntimeException {
  public AuthKeyException(String message) {
    super(message);
  }
}
