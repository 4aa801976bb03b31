package org.pacer.lrmd.metadata;

/** Meta-data that cannot be understood, with what was wrong with it. */
public final class MetadataException extends Exception {
  private static final long serialVersionUID = 1L;

  public MetadataException(String message) {
    super(message);
  }

  public MetadataException(String message, Throwable cause) {
    super(message, cause);
  }
}
