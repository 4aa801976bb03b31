package org.pacer.messaging.rpc;

/** Request types the message layer itself uses; applications never register these. */
final class Protocol {
  static final String SUBSCRIBE = "$subscribe";
  static final String UNSUBSCRIBE = "$unsubscribe";
  static final String HELLO = "$hello";

  private Protocol() {}
}
