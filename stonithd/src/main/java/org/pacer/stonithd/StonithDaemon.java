package org.pacer.stonithd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import org.pacer.lrmd.process.ProcessRunner;
import org.pacer.membership.client.MembershipClient;
import org.pacer.messaging.logging.LogContext;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.rpc.MessageServer;
import org.pacer.messaging.transport.Endpoint;
import org.pacer.messaging.transport.EventLoops;
import org.pacer.stonithd.agent.AgentLocator;
import org.pacer.stonithd.agent.FenceAgentRunner;
import org.pacer.stonithd.api.StonithApi;
import org.pacer.stonithd.api.StonithProtocol;
import org.pacer.stonithd.daemon.CibDaemonSource;
import org.pacer.stonithd.daemon.CibFileSource;
import org.pacer.stonithd.daemon.DaemonThreads;
import org.pacer.stonithd.daemon.StonithNode;
import org.pacer.stonithd.device.LocalDevices;
import org.pacer.stonithd.port.FencingGroup;
import org.pacer.stonithd.port.SoloGroup;
import org.pacer.stonithd.port.cpg.CpgFencingGroup;
import org.pacer.stonithd.port.hub.HubGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** pacer-stonithd: one per node. */
@Command(
    name = "pacer-stonithd",
    mixinStandardHelpOptions = true,
    description =
        "Pacer's fencing daemon: fence devices from the CIB, topology, cluster-wide fencing and its history.")
public final class StonithDaemon implements Callable<Integer> {

  static {
    // Before the first logger: the daemon's own configuration unless one is given.
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "org/pacer/stonithd/daemon-logback.xml");
    }
  }

  private static final Logger log = LoggerFactory.getLogger(StonithDaemon.class);

  @Option(names = "--root", description = "Root of every path (default: $PACER_ROOT or /)")
  String root;

  @Option(names = "--node", required = true, description = "This node's name")
  String node;

  @Option(
      names = "--group-hub",
      description =
          "Reach the other nodes through this group hub socket instead of "
              + "pacer-membership's process groups (tests on one machine)")
  Path groupHub;

  @Option(names = "--solo", description = "Run as a cluster of one, without pacer-membership")
  boolean solo;

  @Option(
      names = "--cib-file",
      description =
          "Follow this CIB file instead of the CIB daemon (a node without pacer-cib, tests)")
  Path cibFile;

  @Option(
      names = "--agents-dir",
      description =
          "Directory to find fence agents in; may be repeated (default: /usr/sbin and /usr/lib/pacer/fence)")
  List<Path> agentDirs = new ArrayList<>();

  public static void main(String[] args) {
    System.exit(new CommandLine(new StonithDaemon()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    MDC.put(LogContext.NODE, node);
    NodePaths paths = NodePaths.resolve(root, System.getenv());
    Files.createDirectories(paths.runDir());
    Clock clock = Clock.systemUTC();
    ScheduledExecutorService timers = DaemonThreads.scheduled("stonithd-timers");
    List<Path> dirs = agentDirs.isEmpty() ? AgentLocator.system().directories() : agentDirs;
    try (EventLoops loops = EventLoops.create("stonithd", 2);
        ProcessRunner processes = ProcessRunner.system(clock)) {
      FenceAgentRunner agents = new FenceAgentRunner(processes, new AgentLocator(dirs));
      LocalDevices devices = new LocalDevices(node, agents, timers, clock, new Random());
      FencingGroup group = group(paths, loops);
      try (StonithNode stonith = new StonithNode(node, devices, group, clock, timers)) {
        if (cibFile != null) {
          new CibFileSource(cibFile, stonith::configure).start(timers, 1_000);
        } else {
          new CibDaemonSource(paths, loops, stonith::configure).start(timers);
        }
        StonithApi api = new StonithApi(stonith, agents);
        MessageServer server =
            api.register(MessageServer.builder(StonithProtocol.DAEMON).node(node))
                .build(loops)
                .start(new Endpoint.Local(paths.socket(StonithProtocol.DAEMON)));
        api.publishResults(server);
        stonith.start();
        Path pid = paths.pidFile(StonithProtocol.DAEMON);
        Files.writeString(pid, ProcessHandle.current().pid() + "\n");
        log.info(
            "pacer-stonithd on {} listening on {} ({} agents from {})",
            node,
            server.endpoint(),
            solo
                ? "a cluster of one,"
                : groupHub != null
                    ? "group through " + groupHub + ","
                    : "group through pacer-membership,",
            dirs);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      log.info("pacer-stonithd on {} stopping", node);
                      server.close();
                      deleteQuietly(pid);
                      stop.countDown();
                    }));
        stop.await();
      }
    } finally {
      timers.shutdownNow();
    }
    return 0;
  }

  private FencingGroup group(NodePaths paths, EventLoops loops) throws IOException {
    if (solo) {
      return new SoloGroup(node);
    }
    if (groupHub != null) {
      return new HubGroup(loops, new Endpoint.Local(groupHub), node);
    }
    // pacer-membership starts before stonithd; give it time to open its socket.
    MembershipClient membership =
        MembershipClient.connect(paths, loops, "stonithd", java.time.Duration.ofSeconds(30));
    return new CpgFencingGroup(membership, node);
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // The next start replaces it.
    }
  }
}
