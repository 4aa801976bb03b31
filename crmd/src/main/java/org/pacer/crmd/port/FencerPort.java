package org.pacer.crmd.port;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The fencer (stonithd). */
public interface FencerPort {

  /** What became of a fencing request. */
  record Outcome(boolean ok, String reason) {}

  /**
   * A fencing that succeeded, whoever asked for it.
   *
   * @param origin the node where it was asked for
   * @param client who asked
   * @param completedAt when it succeeded (epoch ms)
   */
  record Observed(String target, String action, String origin, String client, long completedAt) {}

  /** Fences {@code target} ({@code reboot}, {@code off} or {@code on}). */
  CompletableFuture<Outcome> fence(String target, String action, long timeoutMs);

  /**
   * Reports every fencing that succeeds in the cluster from now on, this controller's own requests
   * included, for as long as the port is open (reconnecting to the fencer when needed).
   */
  void watch(Consumer<Observed> listener);
}
