package org.pacer.cib.document;

import java.util.Comparator;

/**
 * The version of a CIB as Pacemaker counts it: {@code admin_epoch} (changed only by hand), {@code
 * epoch} (every configuration change) and {@code num_updates} (every other change, reset when the
 * epoch moves). Versions compare in that order, which is how two copies decide which is newer.
 */
public record CibVersion(long adminEpoch, long epoch, long numUpdates)
    implements Comparable<CibVersion> {

  private static final Comparator<CibVersion> ORDER =
      Comparator.comparingLong(CibVersion::adminEpoch)
          .thenComparingLong(CibVersion::epoch)
          .thenComparingLong(CibVersion::numUpdates);

  public CibVersion {
    if (adminEpoch < 0 || epoch < 0 || numUpdates < 0) {
      throw new IllegalArgumentException("CIB version counters are never negative");
    }
  }

  /** The version after a configuration change. */
  public CibVersion nextEpoch() {
    return new CibVersion(adminEpoch, epoch + 1, 0);
  }

  /** The version after a change outside the configuration (status, cib attributes). */
  public CibVersion nextUpdate() {
    return new CibVersion(adminEpoch, epoch, numUpdates + 1);
  }

  /** Parses the {@code admin_epoch.epoch.num_updates} form that {@link #toString()} writes. */
  public static CibVersion parse(String text) {
    String[] parts = text.trim().split("\\.");
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "a CIB version is admin_epoch.epoch.num_updates, e.g. 0.12.3, not '" + text + "'");
    }
    try {
      return new CibVersion(
          Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "a CIB version has three whole numbers, not '" + text + "'");
    }
  }

  @Override
  public int compareTo(CibVersion o) {
    return ORDER.compare(this, o);
  }

  public boolean isNewerThan(CibVersion o) {
    return compareTo(o) > 0;
  }

  @Override
  public String toString() {
    return adminEpoch + "." + epoch + "." + numUpdates;
  }
}
