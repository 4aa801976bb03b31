package org.pacer.stonithd.coordination;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The finished fencing operations a node knows, one entry per operation id, so merging the
 * histories of two nodes in any order gives the same result. Bounded: beyond {@link #LIMIT} entries
 * the oldest finished ones are dropped.
 */
public final class FenceHistory {

  public static final int LIMIT = 500;

  private final Map<String, HistoryEntry> entries = new LinkedHashMap<>();

  public void record(HistoryEntry entry) {
    entries.put(entry.opId(), entry);
    trim();
  }

  public void merge(List<HistoryEntry> others) {
    for (HistoryEntry e : others) {
      entries.putIfAbsent(e.opId(), e);
    }
    trim();
  }

  /** Forgets entries for {@code target}, or every entry for "*". */
  public int cleanup(String target) {
    int before = entries.size();
    entries.values().removeIf(e -> target.equals("*") || e.target().equals(target));
    return before - entries.size();
  }

  /** Entries oldest first (by completion time, then id), the same on every node. */
  public List<HistoryEntry> entries() {
    List<HistoryEntry> list = new ArrayList<>(entries.values());
    list.sort(ORDER);
    return list;
  }

  public int size() {
    return entries.size();
  }

  static final Comparator<HistoryEntry> ORDER =
      Comparator.comparingLong(HistoryEntry::completedAt).thenComparing(HistoryEntry::opId);

  private void trim() {
    if (entries.size() <= LIMIT) {
      return;
    }
    List<HistoryEntry> sorted = entries();
    for (int i = 0; i < sorted.size() - LIMIT; i++) {
      entries.remove(sorted.get(i).opId());
    }
  }
}
