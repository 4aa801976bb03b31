package org.pacer.lrmd.cib;

/** A CIB that cannot be read, or a resource in it that cannot be used, and why. */
public final class CibFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public CibFormatException(String message) {
    super(message);
  }
}
