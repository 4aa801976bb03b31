package org.pacer.membership.totem;

import java.util.LinkedHashMap;
import java.util.Map;

/** Running totals for status and benchmarks. Owned by one protocol instance; not thread-safe. */
public final class TotemCounters {
  long gathers;
  long rings;
  long delivered;
  long tokenRetransmits;
  long mcastRetransmits;
  long stale;

  Map<String, Long> snapshot() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("gathers", gathers);
    m.put("rings", rings);
    m.put("delivered", delivered);
    m.put("token_retransmits", tokenRetransmits);
    m.put("mcast_retransmits", mcastRetransmits);
    m.put("stale_packets", stale);
    return m;
  }

  /** Packets of another ring or an earlier round, ignored. */
  public long stale() {
    return stale;
  }

  public long rings() {
    return rings;
  }
}
