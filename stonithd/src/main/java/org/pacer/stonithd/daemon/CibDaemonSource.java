package org.pacer.stonithd.daemon;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.pacer.cib.client.CibClient;
import org.pacer.cib.client.CibMirror;
import org.pacer.cib.document.CibDocument;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.rpc.ClientOptions;
import org.pacer.messaging.transport.Endpoint;
import org.pacer.messaging.transport.EventLoops;
import org.pacer.stonithd.config.CibFencingReader;
import org.pacer.stonithd.config.FencingConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the CIB daemon of this node through a {@link CibMirror} (diffs, with a full read when one
 * does not apply) and hands each version's fencing configuration on. Until the CIB daemon answers,
 * it tries again every few seconds and stonithd runs with no devices.
 */
public final class CibDaemonSource implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CibDaemonSource.class);
  private static final long RETRY_MS = 2_000;

  private final NodePaths paths;
  private final EventLoops loops;
  private final Consumer<FencingConfig> sink;
  private volatile CibMirror mirror;
  private volatile boolean closed;
  private String lastProblem = "";

  public CibDaemonSource(NodePaths paths, EventLoops loops, Consumer<FencingConfig> sink) {
    this.paths = paths;
    this.loops = loops;
    this.sink = sink;
  }

  public void start(ScheduledExecutorService timers) {
    timers.execute(() -> connect(timers));
  }

  private void connect(ScheduledExecutorService timers) {
    if (closed) {
      return;
    }
    try {
      CibClient client =
          CibClient.connect(
              loops,
              new Endpoint.Local(paths.socket("cib")),
              ClientOptions.named("stonithd"),
              Duration.ofSeconds(30));
      mirror = new CibMirror(client, this::changed);
      log.info("following the CIB daemon at {}", paths.socket("cib"));
    } catch (RuntimeException e) {
      String problem = "the CIB daemon does not answer (" + e.getMessage() + "); retrying";
      if (!problem.equals(lastProblem)) {
        log.warn("{}", problem);
        lastProblem = problem;
      }
      timers.schedule(() -> connect(timers), RETRY_MS, TimeUnit.MILLISECONDS);
    }
  }

  private void changed(CibDocument cib) {
    try {
      FencingConfig config = CibFencingReader.read(cib);
      log.info(
          "fencing configuration from CIB {}: {} devices, {} topology levels",
          cib.version(),
          config.devices().size(),
          config.topology().size());
      sink.accept(config);
    } catch (RuntimeException e) {
      log.error("cannot read the fencing configuration of CIB {}: {}", cib.version(), e.toString());
    }
  }

  @Override
  public void close() {
    closed = true;
    CibMirror m = mirror;
    if (m != null) {
      m.close();
    }
  }
}
