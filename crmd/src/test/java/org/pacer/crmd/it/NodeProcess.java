package org.pacer.crmd.it;

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
 * One test node in one JVM: membership, cib, lrmd and crmd, each on its own socket, started in that
 * order and stopped in reverse on SIGTERM (the architecture's one-JVM-per-node mode). {@code
 * NodeProcess --root DIR --node NAME}.
 */
public final class NodeProcess {

  private NodeProcess() {}

  public static void main(String[] args) throws Exception {
    String root = args[1];
    String node = args[3];
    LogContext.with(LogContext.NODE, node);
    EventLoops loops = EventLoops.create(node + "-io", 2);
    DaemonContext ctx =
        new DaemonContext(
            new NodePaths(java.nio.file.Path.of(root)), node, loops, Clock.systemUTC());
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
                  for (Daemon d : running) {
                    d.close();
                  }
                  loops.close();
                  stopped.countDown();
                }));
    stopped.await();
  }
}
