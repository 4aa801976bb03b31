package org.pacer.cib.schema;

import java.util.Map;

/** Corpus inputs that legitimately fail validation, with the reason (mirrored in docs/cib.md). */
final class KnownInvalid {
  private KnownInvalid() {}

  static final Map<String, String> CASES = Map.of();
}
