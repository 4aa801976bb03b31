package org.pacer.messaging.logging;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs at most one line per key per interval, and says how many were suppressed in between, so a
 * flood of bad packets cannot flood the log.
 */
public final class RateLimitedLog {

  private final Logger log;
  private final Clock clock;
  private final long intervalMillis;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  private static final class Window {
    volatile long openedAt = Long.MIN_VALUE;
    final AtomicLong suppressed = new AtomicLong();
  }

  public RateLimitedLog(Logger log, Clock clock, Duration interval) {
    this.log = log;
    this.clock = clock;
    this.intervalMillis = interval.toMillis();
  }

  /** Logs {@code message} at WARN unless a line with this key was logged within the interval. */
  public void warn(String key, String message) {
    Window window = windows.computeIfAbsent(key, k -> new Window());
    long now = clock.millis();
    synchronized (window) {
      if (window.openedAt != Long.MIN_VALUE && now - window.openedAt < intervalMillis) {
        window.suppressed.incrementAndGet();
        return;
      }
      window.openedAt = now;
    }
    long suppressed = window.suppressed.getAndSet(0);
    if (suppressed > 0) {
      log.warn("{} ({} similar suppressed)", message, suppressed);
    } else {
      log.warn("{}", message);
    }
  }
}
