package org.pacer.crmd.controller;

/** Timers the controller asks its shell to run; each fires back as {@link Input.TimerFired}. */
public sealed interface TimerKey {

  /** An action of a transition got no result in time. */
  record ActionTimeout(int transitionId, int actionId) implements TimerKey {}

  /** Dampening of a node attribute is over: write its values. */
  record AttributeDampen(String name) implements TimerKey {}

  /** An election round waited too long for a ballot. */
  record ElectionTimeout(long viewId) implements TimerKey {}

  /** The DC waited too long for a member's join request. */
  record JoinTimeout(long viewId) implements TimerKey {}

  /** Ask the scheduler again (after a failure, or for time-based rules). */
  record Recheck() implements TimerKey {}
}
