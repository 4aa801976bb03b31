package org.pacer.messaging.envelope;

/** The bytes of a frame are not an envelope; the message says why. */
public final class MalformedEnvelopeException extends Exception {
  public MalformedEnvelopeException(String message) {
    super(message);
  }
}
