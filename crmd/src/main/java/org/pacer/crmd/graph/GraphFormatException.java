package org.pacer.crmd.graph;

/** A transition graph that cannot be executed; the message names the element at fault. */
public final class GraphFormatException extends Exception {
  public GraphFormatException(String message) {
    super(message);
  }

  public GraphFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
