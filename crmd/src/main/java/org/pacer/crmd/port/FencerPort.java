package org.pacer.crmd.port;

import java.util.concurrent.CompletableFuture;

/** The fencer (stonithd). */
public interface FencerPort {

  /** What became of a fencing request. */
  record Outcome(boolean ok, String reason) {}

  /** Fences {@code target} ({@code reboot}, {@code off} or {@code on}). */
  CompletableFuture<Outcome> fence(String target, String action, long timeoutMs);
}
