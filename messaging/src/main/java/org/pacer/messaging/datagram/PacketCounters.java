package org.pacer.messaging.datagram;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** What a transport sent, accepted and dropped (by reason), for status output and tests. */
public final class PacketCounters {

  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLongArray dropped =
      new AtomicLongArray(PacketRejectedException.Reason.values().length);

  void sent() {
    sent.incrementAndGet();
  }

  void accepted() {
    accepted.incrementAndGet();
  }

  long dropped(PacketRejectedException.Reason reason) {
    return dropped.incrementAndGet(reason.ordinal());
  }

  public long sentCount() {
    return sent.get();
  }

  public long acceptedCount() {
    return accepted.get();
  }

  public long droppedCount(PacketRejectedException.Reason reason) {
    return dropped.get(reason.ordinal());
  }

  public long droppedTotal() {
    long total = 0;
    for (int i = 0; i < dropped.length(); i++) {
      total += dropped.get(i);
    }
    return total;
  }

  /** A snapshot of the drop counters by reason. */
  public Map<PacketRejectedException.Reason, Long> droppedByReason() {
    Map<PacketRejectedException.Reason, Long> map =
        new EnumMap<>(PacketRejectedException.Reason.class);
    for (PacketRejectedException.Reason reason : PacketRejectedException.Reason.values()) {
      map.put(reason, dropped.get(reason.ordinal()));
    }
    return map;
  }
}
