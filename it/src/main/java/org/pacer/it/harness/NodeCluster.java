package org.pacer.it.harness;

import java.nio.file.Path;
import java.util.List;

/** A cluster the invariant checker can judge: its nodes and where its agents log. */
public interface NodeCluster<N extends ClusterNode> {

  List<N> nodes();

  /** Where {@code ocf:pacer:Logged} resources of this cluster log (one NODE.log per node). */
  Path agentLogDir();
}
