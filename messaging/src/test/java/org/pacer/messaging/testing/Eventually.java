package org.pacer.messaging.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a bound, for tests of asynchronous behaviour (not for timing). */
public final class Eventually {
  private Eventually() {}

  public static void await(String what, Duration limit, BooleanSupplier condition) {
    long giveUp = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > giveUp) {
        throw new AssertionError("timed out after " + limit + " waiting for " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }
}
