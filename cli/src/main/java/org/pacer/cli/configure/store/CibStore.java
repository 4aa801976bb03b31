package org.pacer.cli.configure.store;

import org.w3c.dom.Document;

/**
 * Where the shell reads and writes the CIB: a file ({@code CIB_file}) now, the live cluster through
 * the cib daemon's client later.
 */
public interface CibStore {

  /** The whole CIB, freshly read (the caller may modify its copy). */
  Document read() throws CibStoreException;

  /**
   * Replaces the configuration section with {@code cib}'s, as one write. {@code expectedEpoch} is
   * the "admin_epoch.epoch" the caller read; if the stored CIB has changed since, nothing is
   * written and an exception says so.
   */
  void replaceConfiguration(Document cib, String expectedEpoch) throws CibStoreException;

  /**
   * Deletes every element of the status section the XPath selects (node state, operation history,
   * transient attributes), as {@code cibadmin -D -o status} does; deleting nothing succeeds.
   */
  void deleteFromStatus(String xpath) throws CibStoreException;

  /** A name for messages and prompts ("live", a shadow name, or the file). */
  String name();
}
