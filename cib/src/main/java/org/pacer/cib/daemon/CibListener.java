package org.pacer.cib.daemon;

import org.pacer.cib.diff.CibDiff;
import org.pacer.cib.document.CibDocument;

/** What the service tells subscribers about: each change as a diff, or the whole CIB anew. */
public interface CibListener {
  void onDiff(CibDiff diff, CibDocument cib);

  /** The CIB was replaced wholesale (synchronisation); subscribers should read it again. */
  void onRefresh(CibDocument cib, String reason);
}
