package org.pacer.pengine.scheduler;

/** "first before then", with flags saying how a change to one carries to the other. */
record Ordering(Action first, Action then, int flags) {
  /** first required → then required. */
  static final int IMPLIES_THEN = 1;

  /** then required → first required. */
  static final int IMPLIES_FIRST = 2;

  /** first cannot run → then cannot run. */
  static final int RUNNABLE_LEFT = 4;

  /** then can run when at least one such first can (clone-min, require-all=false). */
  static final int ONE_OR_MORE = 8;

  /** the implication holds only when both are on the same node (restart in place). */
  static final int SAME_NODE = 16;

  /** then takes first's reason rather than naming first (milestones of a parent). */
  static final int PASS_REASON = 32;

  /**
   * From a symmetrical mandatory ordering: when first cannot run, a then-resource already running
   * must stop (an asymmetrical one only keeps it from starting).
   */
  static final int SYMMETRIC = 64;

  /** first required but unable to run → then cannot run (a stop waiting on a blocked stop). */
  static final int REQUIRED_RUNNABLE_LEFT = 128;

  boolean has(int f) {
    return (flags & f) != 0;
  }
}
