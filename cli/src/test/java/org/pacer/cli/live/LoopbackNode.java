package org.pacer.cli.live;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.pacer.cib.daemon.CibDaemonFactory;
import org.pacer.crmd.daemon.CrmdDaemonFactory;
import org.pacer.lrmd.LrmdDaemonFactory;
import org.pacer.membership.daemon.MembershipDaemonFactory;
import org.pacer.messaging.daemon.Daemon;
import org.pacer.messaging.daemon.DaemonContext;
import org.pacer.messaging.daemon.DaemonFactory;
import org.pacer.messaging.logging.LogContext;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.transport.EventLoops;

/**
 * One test node in one JVM (membership, cib, lrmd, crmd; the scheduler runs inside crmd), so a
 * two-node cluster costs two JVMs on the shared 2-core machine rather than a dozen. {@code
 * LoopbackNode ROOT NAME}; SIGTERM stops the daemons in reverse order.
 */
public final class LoopbackNode {
  private LoopbackNode() {}

  public static void main(String[] args) throws Exception {
    String node = args[1];
    LogContext.with(LogContext.NODE, node);
    EventLoops loops = EventLoops.create(node + "-io", 2);
    DaemonContext ctx =
        new DaemonContext(new NodePaths(Path.of(args[0])), node, loops, Clock.systemUTC());
    Files.createDirectories(ctx.paths().runDir());
    List<Daemon> running = new ArrayList<>();
    for (DaemonFactory f :
        List.of(
            new MembershipDaemonFactory(),
            new CibDaemonFactory(),
            new LrmdDaemonFactory(),
            new CrmdDaemonFactory())) {
      running.add(0, f.start(ctx));
    }
    System.err.println("node " + node + " started");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  running.forEach(Daemon::close);
                  loops.close();
                  stopped.countDown();
                }));
    stopped.await();
  }
}
