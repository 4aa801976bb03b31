package org.pacer.cib.replication;

import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import org.pacer.cib.document.CibVersion;

/**
 * Which copy a round chose and why. The rule is Pacemaker's: the highest {@code (admin_epoch,
 * epoch, num_updates)} wins; at an equal version a copy that has been live in the cluster beats one
 * just read from disk (whose status section is empty); then the member whose name sorts first.
 *
 * @param offers every member's offer, by member
 * @param identical true when every copy was already the same, so nothing was sent
 */
public record SyncDecision(
    Round round,
    String winner,
    CibVersion version,
    String digest,
    Map<String, ReplicationMessage.Offer> offers,
    boolean identical) {

  public SyncDecision {
    offers = new TreeMap<>(offers);
  }

  /** The order the rule ranks offers in, best last. */
  static Comparator<Map.Entry<String, ReplicationMessage.Offer>> rule() {
    Comparator<Map.Entry<String, ReplicationMessage.Offer>> byVersion =
        Comparator.comparing(e -> e.getValue().version());
    return byVersion
        .thenComparing(e -> e.getValue().live())
        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder());
  }

  /** Applies the rule to a complete set of offers. */
  static SyncDecision decide(Round round, Map<String, ReplicationMessage.Offer> offers) {
    var best = offers.entrySet().stream().max(rule()).orElseThrow();
    boolean identical =
        offers.values().stream().allMatch(o -> o.digest().equals(best.getValue().digest()));
    return new SyncDecision(
        round,
        best.getKey(),
        best.getValue().version(),
        best.getValue().digest(),
        offers,
        identical);
  }

  /** One line for the log: who won, with what, over whom. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append("round ").append(round).append(": ");
    if (identical) {
      sb.append("all ").append(offers.size()).append(" copies identical at ").append(version);
      return sb.toString();
    }
    sb.append("chose ").append(winner).append("'s CIB ").append(version).append(" over");
    offers.forEach(
        (node, o) -> {
          if (!node.equals(winner)) {
            sb.append(' ')
                .append(node)
                .append('=')
                .append(o.version())
                .append(o.digest().equals(digest) ? "(same)" : "")
                .append(o.live() ? "" : "(from disk)");
          }
        });
    sb.append(" (highest admin_epoch.epoch.num_updates; then live over from disk; then name)");
    return sb.toString();
  }
}
