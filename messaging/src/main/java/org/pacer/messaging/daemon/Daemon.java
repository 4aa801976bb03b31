package org.pacer.messaging.daemon;

/**
 * A running daemon (membership, cib, lrmd, ...). It is serving once its factory returns, and stops
 * serving, releasing its socket and threads, on {@link #close()}.
 */
public interface Daemon extends AutoCloseable {
  @Override
  void close();
}
