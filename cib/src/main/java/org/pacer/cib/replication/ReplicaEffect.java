package org.pacer.cib.replication;

import java.util.List;
import org.pacer.cib.diff.CibDiff;
import org.pacer.cib.document.CibDocument;
import org.pacer.cib.document.CibError;
import org.pacer.cib.document.CibVersion;

/** What the replica asks its shell to do; the shell performs effects in the order given. */
public sealed interface ReplicaEffect {

  /** Send to every member of the group (including this node) in total order. */
  record Broadcast(ReplicationMessage message) implements ReplicaEffect {}

  /** A write was applied: persist if it touched the configuration, notify subscribers. */
  record Applied(CibDocument cib, CibDiff diff, ReplicationMessage.Write write)
      implements ReplicaEffect {}

  /** The whole CIB was replaced by synchronisation: persist, send subscribers a full refresh. */
  record Installed(CibDocument cib, SyncDecision decision) implements ReplicaEffect {}

  /** A round ended; the decision is what gets logged. */
  record Synced(SyncDecision decision) implements ReplicaEffect {}

  /** Answer the local client that sent write {@code requestId}. */
  record Reply(long requestId, WriteResult result) implements ReplicaEffect {}

  /** The outcome of a write for its client. */
  record WriteResult(
      boolean ok, CibVersion version, CibError error, String message, List<String> problems) {
    public WriteResult {
      problems = problems == null ? List.of() : List.copyOf(problems);
    }

    static WriteResult ok(CibVersion version) {
      return new WriteResult(true, version, null, null, List.of());
    }

    static WriteResult failed(CibError error, String message, List<String> problems) {
      return new WriteResult(false, null, error, message, problems);
    }
  }
}
