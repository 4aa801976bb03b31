package org.pacer.crmd.adapter;

import java.util.concurrent.CompletableFuture;
import org.pacer.crmd.port.FencerPort;

/**
 * Stands in for stonithd until its daemon exists: every request fails, saying so. A failed fencing
 * never lets the scheduler count a node's resources as stopped, so this is safe, only not useful.
 */
public final class UnavailableFencer implements FencerPort {

  @Override
  public CompletableFuture<Outcome> fence(String target, String action, long timeoutMs) {
    return CompletableFuture.completedFuture(
        new Outcome(false, "no fencing daemon (pacer-stonithd) runs on this node"));
  }
}
