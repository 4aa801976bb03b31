package org.pacer.crmd.history;

import java.util.List;
import org.pacer.crmd.graph.ResourceRef;

/** One {@code <lrm_resource>}: a resource's recorded operations on one node. */
public record ResourceHistory(ResourceRef resource, List<OpRecord> ops) {
  public ResourceHistory {
    ops = List.copyOf(ops);
  }
}
