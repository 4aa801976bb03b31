package org.pacer.cib.replication;

/**
 * One synchronisation round: the view it happens in, and how many resyncs that view has needed.
 * Messages of an older round are ignored, so a round interrupted by a new view or a resync leaves
 * no trace.
 */
public record Round(long viewId, int attempt) {
  Round next() {
    return new Round(viewId, attempt + 1);
  }

  @Override
  public String toString() {
    return viewId + "." + attempt;
  }
}
