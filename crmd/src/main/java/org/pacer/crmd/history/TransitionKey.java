package org.pacer.crmd.history;

/**
 * Ties a result to the graph action that asked for it: {@code action:transition:target-rc:dc-uuid}.
 * The DC's id in the key keeps results of a previous DC's transitions from being mistaken for the
 * current one's.
 */
public record TransitionKey(int actionId, int transitionId, int targetRc, String dcUuid) {

  @Override
  public String toString() {
    return actionId + ":" + transitionId + ":" + targetRc + ":" + dcUuid;
  }

  /** The key, or null for text that is not one (e.g. an operation started outside the cluster). */
  public static TransitionKey parse(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    String[] p = text.split(":", 4);
    if (p.length != 4) {
      return null;
    }
    try {
      return new TransitionKey(
          Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]), p[3]);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
