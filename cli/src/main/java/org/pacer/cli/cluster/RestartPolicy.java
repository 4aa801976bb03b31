package org.pacer.cli.cluster;

import java.time.Duration;

/**
 * How soon a daemon that died is started again: immediately the first time, then with a delay that
 * doubles on each death up to a ceiling, and resets once the daemon has stayed up for a while (as
 * pacemakerd does, a daemon that keeps crashing does not spin the machine).
 *
 * @param first delay after the first death
 * @param ceiling the longest delay
 * @param stableAfter uptime after which a death counts as the first again
 */
public record RestartPolicy(Duration first, Duration ceiling, Duration stableAfter) {

  public static RestartPolicy standard() {
    return new RestartPolicy(
        Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(60));
  }

  /**
   * The delay before the next start.
   *
   * @param previousDelay the delay used before the last start (zero if none)
   * @param uptime how long the daemon ran before it died
   */
  public Duration next(Duration previousDelay, Duration uptime) {
    if (previousDelay.isZero() || uptime.compareTo(stableAfter) >= 0) {
      return first;
    }
    Duration doubled = previousDelay.multipliedBy(2);
    return doubled.compareTo(ceiling) > 0 ? ceiling : doubled;
  }
}
