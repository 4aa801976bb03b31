package org.pacer.it.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.pacer.cib.client.CibClient;
import org.pacer.stonithd.coordination.HistoryEntry;

/**
 * What tests and the invariant checker ask of a node, wherever it runs (processes on this machine,
 * or a container): which of its daemons are alive, and what its controller, CIB and stonithd answer
 * through {@link #clients()}.
 */
public interface ClusterNode {

  String name();

  /** Whether the node's daemon {@code daemon} (crmd, stonithd, ...) is alive, even if frozen. */
  boolean daemonAlive(String daemon);

  /** The test's clients of this node's daemons. */
  NodeClients clients();

  /** {@code crmd.status} (node, dc, isDc, joined, members), if the controller answers. */
  default Optional<JsonNode> crmdStatus() {
    return clients().crmdStatus();
  }

  /** A client of this node's CIB daemon; close it after use. */
  default CibClient cib() {
    return clients().cib();
  }

  /** The CIB daemon's replica state (version, digest, ...), if it answers. */
  default Optional<JsonNode> cibStatus() {
    return clients().cibStatus();
  }

  /** The whole CIB as this node's copy holds it, if its CIB daemon answers. */
  default Optional<String> cibXml() {
    return clients().cibXml();
  }

  /** The cluster's fencing history as this node's stonithd holds it, if it answers. */
  default Optional<List<HistoryEntry>> fenceHistory() {
    return clients().fenceHistory();
  }
}
