package org.pacer.cib.ops;

import org.pacer.cib.diff.CibDiff;
import org.pacer.cib.document.CibDocument;

/**
 * The result of a successful write: the new CIB and what changed. A write that changed nothing
 * returns the same CIB and an empty diff.
 */
public record WriteOutcome(CibDocument cib, CibDiff diff) {
  public boolean changed() {
    return !diff.isEmpty();
  }
}
