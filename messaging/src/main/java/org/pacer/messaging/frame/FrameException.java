package org.pacer.messaging.frame;

/** A frame on the wire is unusable (too large, truncated, not an envelope). */
public final class FrameException extends Exception {
  public FrameException(String message) {
    super(message);
  }
}
