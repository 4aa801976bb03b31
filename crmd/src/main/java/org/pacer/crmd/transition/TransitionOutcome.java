package org.pacer.crmd.transition;

/** How a transition ended. Anything but {@link #DONE} means the scheduler must be asked again. */
public enum TransitionOutcome {
  /** Every action completed as expected. */
  DONE,
  /** Stopped at a safe point because something changed or an action failed. */
  ABORTED,
  /** Nothing in flight and nothing can run, yet actions remain (an input can never complete). */
  STALLED
}
