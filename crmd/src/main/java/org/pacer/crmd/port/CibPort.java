package org.pacer.crmd.port;

import org.pacer.crmd.cib.CibUpdate;

/** The CIB as the controller uses it. Calls block; the controller calls them off its own thread. */
public interface CibPort extends AutoCloseable {

  /** Applies one write; returns once the CIB accepted it (writes apply in the order made). */
  void apply(CibUpdate update) throws Exception;

  /** The whole CIB as XML, reflecting every write applied before. */
  String query() throws Exception;

  /**
   * Calls {@code onChange} (with a short description) whenever the CIB changes in a way the
   * scheduler must see: configuration changes by anyone. Status is written by the DC only.
   */
  void subscribe(java.util.function.Consumer<String> onChange) throws Exception;

  @Override
  void close();
}
