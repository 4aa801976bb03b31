package org.pacer.cli.configure.store;

/** The CIB could not be read or written; the message says which and why. */
public final class CibStoreException extends Exception {
  public CibStoreException(String message) {
    super(message);
  }

  public CibStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
