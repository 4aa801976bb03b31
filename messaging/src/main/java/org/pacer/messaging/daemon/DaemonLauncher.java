package org.pacer.messaging.daemon;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.pacer.messaging.logging.LogContext;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.transport.EventLoops;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code main} of a daemon JVM: {@code --root DIR --node NAME}, start, serve until SIGTERM,
 * stop. Every daemon's main is one line: {@code DaemonLauncher.run(args, new XFactory())}.
 */
public final class DaemonLauncher {

  private static final Logger log = LoggerFactory.getLogger(DaemonLauncher.class);

  private DaemonLauncher() {}

  /** Parsed command line of a daemon. */
  public record Arguments(String root, String node) {
    public static Arguments parse(String[] args) {
      String root = null;
      String node = null;
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : null;
        switch (args[i]) {
          case "--root" -> root = require(args[i], value);
          case "--node" -> node = require(args[i], value);
          default ->
              throw new IllegalArgumentException(
                  "unknown option '" + args[i] + "' (expected --root DIR --node NAME)");
        }
        i++;
      }
      return new Arguments(root, node);
    }

    private static String require(String option, String value) {
      if (value == null || value.startsWith("--")) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return value;
    }
  }

  public static void run(String[] args, DaemonFactory factory) {
    Arguments arguments;
    try {
      arguments = Arguments.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("pacer-" + factory.name() + ": " + e.getMessage());
      System.exit(2);
      return;
    }
    NodePaths paths = NodePaths.resolve(arguments.root(), System.getenv());
    String node =
        arguments.node() != null ? arguments.node() : System.getProperty("pacer.node", "");
    LogContext.with(LogContext.NODE, node);
    EventLoops loops = EventLoops.create(factory.name() + "-io", 2);
    Daemon daemon;
    try {
      daemon = factory.start(new DaemonContext(paths, node, loops, Clock.systemUTC()));
    } catch (Exception e) {
      // The message is meant for the operator; the stack trace only helps a developer.
      log.error("pacer-{} could not start: {}", factory.name(), e.getMessage());
      log.debug("pacer-{} start failure", factory.name(), e);
      loops.close();
      System.exit(1);
      return;
    }
    log.info("pacer-{} started on node {} (root {})", factory.name(), node, paths.root());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("pacer-{} stopping", factory.name());
                  daemon.close();
                  loops.close();
                  stopped.countDown();
                },
                factory.name() + "-stop"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
