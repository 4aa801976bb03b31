package org.pacer.messaging.envelope;

/** What an envelope is for; the protocol between a client and a server is spelled in these. */
public enum Kind {
  /** First envelope of a connection: names the client (and, over TCP, carries credentials). */
  HELLO,
  /** A call that expects exactly one RESPONSE or ERROR with the same correlation id. */
  REQUEST,
  /** The successful answer to a REQUEST or HELLO. */
  RESPONSE,
  /** The failed answer to a REQUEST or HELLO, or the reason a connection is being refused. */
  ERROR,
  /** A server-initiated notification on a topic the client subscribed to. */
  PUSH
}
