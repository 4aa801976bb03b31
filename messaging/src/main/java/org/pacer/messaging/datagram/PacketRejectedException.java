package org.pacer.messaging.datagram;

/** A received packet failed the checks and was dropped; {@link #reason()} is counted. */
public final class PacketRejectedException extends Exception {

  /** Why packets are dropped; each has its own counter. */
  public enum Reason {
    TRUNCATED,
    NOT_PACER,
    WRONG_MODE,
    BAD_AUTHENTICATION
  }

  private final Reason reason;

  public PacketRejectedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
