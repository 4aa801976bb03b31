package org.pacer.it.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.pacer.stonithd.coordination.HistoryEntry;

/**
 * What the invariant checker asks of a node, wherever it runs (processes on this machine, or a
 * container): which of its daemons are alive and what its controller, CIB and stonithd answer.
 */
public interface ClusterNode {

  String name();

  /** Whether the node's daemon {@code daemon} (crmd, stonithd, ...) is alive, even if frozen. */
  boolean daemonAlive(String daemon);

  /** {@code crmd.status} (node, dc, isDc, joined, members), if the controller answers. */
  Optional<JsonNode> crmdStatus();

  /** The CIB daemon's replica state (version, digest, ...), if it answers. */
  Optional<JsonNode> cibStatus();

  /** The whole CIB as this node's copy holds it, if its CIB daemon answers. */
  Optional<String> cibXml();

  /** The cluster's fencing history as this node's stonithd holds it, if it answers. */
  Optional<List<HistoryEntry>> fenceHistory();
}
