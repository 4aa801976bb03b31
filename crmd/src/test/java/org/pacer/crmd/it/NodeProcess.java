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
 * NodeProcess --root DIR --node NAME --fence-agents DIR|- [--no-crmd]}: without crmd, the test runs
 * it as a JVM of its own ({@code pacer-crmd}), so that it alone can be killed.
 */
public final class NodeProcess {

  private NodeProcess() {}

  /** pacer-stonithd has its own main: run it on a thread of this JVM and wait for its socket. */
  private static void startStonithd(String root, String node, String agents, NodePaths paths)
      throws InterruptedException {
    Thread t =
        new Thread(
            () ->
                new picocli.CommandLine(new org.pacer.stonithd.StonithDaemon())
                    .execute("--root", root, "--node", node, "--agents-dir", agents),
            "stonithd-main");
    t.setDaemon(true);
    t.start();
    java.nio.file.Path socket = paths.socket("stonithd");
    for (int i = 0; i < 600 && !java.nio.file.Files.exists(socket); i++) {
      Thread.sleep(50);
    }
  }

  public static void main(String[] args) throws Exception {
    String root = args[1];
    String node = args[3];
    LogContext.with(LogContext.NODE, node);
    EventLoops loops = EventLoops.create(node + "-io", 2);
    DaemonContext ctx =
        new DaemonContext(
            new NodePaths(java.nio.file.Path.of(root)), node, loops, Clock.systemUTC());
    // fence_pacer_kill cuts a test node off by killing the pids under its root.
    java.nio.file.Files.createDirectories(ctx.paths().runDir());
    java.nio.file.Files.writeString(
        ctx.paths().pidFile("node"), ProcessHandle.current().pid() + "\n");
    List<Daemon> running = new ArrayList<>();
    for (DaemonFactory f : List.of(new MembershipDaemonFactory(), new CibDaemonFactory())) {
      running.add(0, f.start(ctx));
    }
    if (args.length > 5 && args[4].equals("--fence-agents") && !args[5].equals("-")) {
      startStonithd(root, node, args[5], ctx.paths());
    }
    boolean crmd = !(args.length > 6 && args[6].equals("--no-crmd"));
    List<DaemonFactory> rest =
        crmd
            ? List.of(new LrmdDaemonFactory(), new CrmdDaemonFactory())
            : List.of(new LrmdDaemonFactory());
    for (DaemonFactory f : rest) {
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
