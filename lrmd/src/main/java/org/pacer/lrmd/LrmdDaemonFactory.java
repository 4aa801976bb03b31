package org.pacer.lrmd;

import org.pacer.lrmd.agent.AgentConfig;
import org.pacer.lrmd.daemon.LrmdService;
import org.pacer.lrmd.executor.ExecutorLimits;
import org.pacer.lrmd.process.Launcher;
import org.pacer.lrmd.protocol.LrmdProtocol;
import org.pacer.messaging.daemon.Daemon;
import org.pacer.messaging.daemon.DaemonContext;
import org.pacer.messaging.daemon.DaemonFactory;

/**
 * Starts pacer-lrmd. Agents are found under OCF_ROOT (default /usr/lib/ocf) and /etc/init.d;
 * Pacer's helper commands under PACER_HELPER_DIR (default /usr/lib/pacer/bin); at most
 * PACER_LRMD_MAX_PARALLEL agents run at once (default 32); PACER_LRMD_LAUNCHER=fast runs agents
 * under setsid alone instead of setsid and perl (see {@link Launcher}).
 */
public final class LrmdDaemonFactory implements DaemonFactory {

  @Override
  public String name() {
    return LrmdProtocol.NAME;
  }

  @Override
  public Daemon start(DaemonContext context) throws Exception {
    AgentConfig config = AgentConfig.forNode(context.paths(), context.node(), System.getenv());
    ExecutorLimits limits = ExecutorLimits.defaults();
    String parallel = System.getenv("PACER_LRMD_MAX_PARALLEL");
    if (parallel != null && !parallel.isBlank()) {
      try {
        limits = limits.withMaxParallel(Integer.parseInt(parallel.strip()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "PACER_LRMD_MAX_PARALLEL must be a positive number, not '" + parallel + "'");
      }
    }
    String launcher = System.getenv().getOrDefault("PACER_LRMD_LAUNCHER", "exact");
    Launcher.Mode mode =
        switch (launcher.strip().toLowerCase(java.util.Locale.ROOT)) {
          case "exact" -> Launcher.Mode.EXACT;
          case "fast" -> Launcher.Mode.FAST;
          default ->
              throw new IllegalArgumentException(
                  "PACER_LRMD_LAUNCHER must be exact or fast, not '" + launcher + "'");
        };
    return LrmdService.start(context, config, limits, mode);
  }
}
