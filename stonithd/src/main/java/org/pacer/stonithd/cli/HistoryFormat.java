package org.pacer.stonithd.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pacer.stonithd.coordination.FenceState;
import org.pacer.stonithd.coordination.HistoryEntry;

/** Fence history lines as Pacemaker's tools print them. */
public final class HistoryFormat {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss XXX");

  private HistoryFormat() {}

  public static String line(HistoryEntry e, ZoneId zone) {
    String time = TIME.format(Instant.ofEpochMilli(e.completedAt()).atZone(zone));
    StringBuilder sb = new StringBuilder();
    sb.append(e.action()).append(" of ").append(e.target()).append(' ').append(e.state().word());
    if (e.manual()) {
      sb.append(" (confirmed by an operator)");
    }
    sb.append(": ");
    if (e.state() != FenceState.PENDING && !e.executor().isEmpty()) {
      sb.append("delegate=").append(e.executor()).append(", ");
    }
    sb.append("client=").append(e.client()).append(", origin=").append(e.origin());
    switch (e.state()) {
      case SUCCESS -> sb.append(", completed='").append(time).append('\'');
      case FAILED -> sb.append(", last-failed='").append(time).append('\'');
      default -> {}
    }
    if (!e.delegates().isEmpty()) {
      sb.append(", merged=").append(String.join(",", e.delegates()));
    }
    if (e.state() == FenceState.FAILED && !e.reason().isBlank()) {
      sb.append(" (").append(e.reason()).append(')');
    }
    return sb.toString();
  }

  /** Newest first; without verbose only the last successful operation per node. */
  public static List<HistoryEntry> select(List<HistoryEntry> all, boolean verbose) {
    List<HistoryEntry> sorted = new ArrayList<>(all);
    sorted.sort(
        Comparator.comparing((HistoryEntry e) -> e.state() != FenceState.PENDING)
            .thenComparing(Comparator.comparingLong(HistoryEntry::completedAt).reversed()));
    if (verbose) {
      return sorted;
    }
    Map<String, HistoryEntry> last = new LinkedHashMap<>();
    for (HistoryEntry e : sorted) {
      if (e.state() == FenceState.SUCCESS) {
        last.putIfAbsent(e.target(), e);
      }
    }
    return new ArrayList<>(last.values());
  }
}
