package org.pacer.messaging.logging;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Puts correlation keys (node, call, transition, ...) into the SLF4J MDC for the length of a
 * try-with-resources block and restores what was there before, so an operator can follow one
 * request or one failover through every daemon's log.
 *
 * <pre>{@code
 * try (LogContext ignored = LogContext.with("node", node, "call", callId)) {
 *   log.info("applying write");
 * }
 * }</pre>
 */
public final class LogContext implements AutoCloseable {

  /** The node name, set by every daemon. */
  public static final String NODE = "node";

  /** The id of the request being served. */
  public static final String CALL = "call";

  /**
   * The DC's transition an event belongs to: the DC's scheduling and dispatch, and each node's
   * execution of the actions the transition sent it, so one failover reads as one thread.
   */
  public static final String TRANSITION = "transition";

  private final Map<String, String> previous = new HashMap<>();

  private LogContext() {}

  /** Sets alternating key/value pairs; a null value removes the key for the block. */
  public static LogContext with(String... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values must come in pairs");
    }
    LogContext context = new LogContext();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      String key = keysAndValues[i];
      context.previous.put(key, MDC.get(key));
      if (keysAndValues[i + 1] == null) {
        MDC.remove(key);
      } else {
        MDC.put(key, keysAndValues[i + 1]);
      }
    }
    return context;
  }

  @Override
  public void close() {
    previous.forEach(
        (key, value) -> {
          if (value == null) {
            MDC.remove(key);
          } else {
            MDC.put(key, value);
          }
        });
  }
}
