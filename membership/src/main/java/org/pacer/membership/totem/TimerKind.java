package org.pacer.membership.totem;

/** The timers the protocol asks its driver to run; at most one of each kind is armed at a time. */
public enum TimerKind {
  /** No token seen for the token timeout: the ring is lost. */
  TOKEN_LOSS,
  /** Our successor has not acknowledged the token we passed: send it again. */
  TOKEN_RETRANSMIT,
  /** The representative holds the token while the ring is idle. */
  TOKEN_HOLD,
  /** Send our join again (gather). */
  JOIN,
  /** Give up waiting for agreement (gather) or for the commit token (commit). */
  CONSENSUS,
  /** Send heartbeats and check which links have gone quiet. */
  HEARTBEAT
}
