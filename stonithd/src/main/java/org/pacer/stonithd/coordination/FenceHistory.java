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
    entries.merge(entry.opId(), entry, FenceHistory::preferred);
    trim();
  }

  public void merge(List<HistoryEntry> others) {
    for (HistoryEntry e : others) {
      entries.merge(e.opId(), e, FenceHistory::preferred);
    }
    trim();
  }

  /**
   * When the two halves of a partition both finished one operation (each side's coordinator carried
   * on), every node keeps the same one of the two entries: a success over a failure (the node was
   * fenced), then the later completion, then the executor's name.
   */
  static HistoryEntry preferred(HistoryEntry a, HistoryEntry b) {
    if (a.equals(b)) {
      return a;
    }
    if ((a.state() == FenceState.SUCCESS) != (b.state() == FenceState.SUCCESS)) {
      return a.state() == FenceState.SUCCESS ? a : b;
    }
    if (a.completedAt() != b.completedAt()) {
      return a.completedAt() > b.completedAt() ? a : b;
    }
    int byExecutor = a.executor().compareTo(b.executor());
    if (byExecutor != 0) {
      return byExecutor > 0 ? a : b;
    }
    return a.reason().compareTo(b.reason()) >= 0 ? a : b;
  }

  public HistoryEntry get(String opId) {
    return entries.get(opId);
  }

  public boolean contains(String opId) {
    return entries.containsKey(opId);
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
