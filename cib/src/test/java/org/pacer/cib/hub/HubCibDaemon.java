package org.pacer.cib.hub;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.pacer.cib.daemon.CibDaemonFactory;
import org.pacer.messaging.daemon.DaemonContext;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.transport.EventLoops;

/**
 * {@code HubCibDaemon --root DIR --node NAME --hub PORT}: the real CIB daemon, joined to a {@link
 * GroupHubServer} instead of the membership daemon, in its own process, so a test can SIGKILL it.
 */
public final class HubCibDaemon {
  private HubCibDaemon() {}

  public static void main(String[] args) throws Exception {
    String root = null;
    String node = null;
    int hub = 0;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--root" -> root = args[i + 1];
        case "--node" -> node = args[i + 1];
        case "--hub" -> hub = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    EventLoops loops = EventLoops.create("cib-io", 2);
    int port = hub;
    var daemon =
        new CibDaemonFactory(() -> new HubGroup(loops, port), (u, p) -> false, "127.0.0.1")
            .start(new DaemonContext(new NodePaths(Path.of(root)), node, loops, Clock.systemUTC()));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  daemon.close();
                  loops.close();
                  stopped.countDown();
                }));
    stopped.await();
  }
}
