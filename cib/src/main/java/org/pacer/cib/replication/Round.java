package org.pacer.cib.replication;

/**
 * One synchronisation round, named by the coordinator that started it: the coordinator's node, the
 * incarnation of its daemon (so a restarted daemon never reuses a name) and its own count of
 * rounds. The name travels in every message of the round, so a message from an earlier round — one
 * its sender sent before it had seen a later configuration change — is recognised and ignored; no
 * view id agreed by the group is needed.
 */
public record Round(String coordinator, String incarnation, long counter) {
  @Override
  public String toString() {
    return coordinator + "/" + incarnation + "#" + counter;
  }
}
