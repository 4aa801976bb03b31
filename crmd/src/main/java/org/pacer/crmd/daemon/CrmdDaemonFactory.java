package org.pacer.crmd.daemon;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.pacer.cib.client.CibClient;
import org.pacer.crmd.adapter.CibAdapter;
import org.pacer.crmd.adapter.CpgGroup;
import org.pacer.crmd.adapter.FencingDevices;
import org.pacer.crmd.adapter.LrmdExecutor;
import org.pacer.crmd.adapter.PengineScheduler;
import org.pacer.crmd.adapter.StonithdFencer;
import org.pacer.crmd.archive.SchedulerInputArchive;
import org.pacer.crmd.controller.Controller;
import org.pacer.crmd.controller.ControllerOptions;
import org.pacer.crmd.message.Member;
import org.pacer.crmd.tools.ToolService;
import org.pacer.lrmd.client.LrmdClient;
import org.pacer.membership.api.StatusReply;
import org.pacer.membership.client.MembershipClient;
import org.pacer.messaging.daemon.Daemon;
import org.pacer.messaging.daemon.DaemonContext;
import org.pacer.messaging.daemon.DaemonFactory;
import org.pacer.messaging.rpc.ClientOptions;
import org.pacer.messaging.rpc.MessageServer;
import org.pacer.messaging.transport.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts pacer-crmd on a node whose membership, cib and lrmd daemons run: reads the node list and
 * the executor's history, joins the {@code crmd} group, and serves the helper commands on {@code
 * crmd.sock}.
 */
public final class CrmdDaemonFactory implements DaemonFactory {

  private static final Logger log = LoggerFactory.getLogger(CrmdDaemonFactory.class);
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final ControllerOptions options;

  public CrmdDaemonFactory() {
    this(withStartupWait(ControllerOptions.defaults(), STARTUP_WAIT_MS));
  }

  /**
   * How long a new DC holds its first transition while a configured node has not been seen: the
   * nodes of a cluster started at once come up seconds apart on a loaded machine (their daemons'
   * JVMs start one after another), and the scheduler fences a node it has never seen (startup
   * fencing). 3 s fenced booting nodes in the CTS SimulStart at load 25; Pacemaker waits
   * dc-deadtime, 20 s. The wait ends as soon as every configured node was seen.
   */
  static final long STARTUP_WAIT_MS = Long.getLong("pacer.crmd.startupWaitMs", 20_000);

  static ControllerOptions withStartupWait(ControllerOptions o, long startupWaitMs) {
    return new ControllerOptions(
        o.version(),
        o.electionTimeoutMs(),
        o.joinTimeoutMs(),
        o.retryMs(),
        o.nodeActionLimit(),
        o.startFailureIsFatal(),
        o.recheckIntervalMs(),
        startupWaitMs);
  }

  public CrmdDaemonFactory(ControllerOptions options) {
    this.options = options;
  }

  /** Request type answered with this controller's view: node, DC, joined, members, quorum. */
  public static final String STATUS = "crmd.status";

  /**
   * Request type {@code {"node", "resource"}}: forget the resource's history and fail counts on the
   * node (crm resource cleanup), so it is probed again.
   */
  public static final String CLEANUP = "crmd.cleanup";

  @Override
  public String name() {
    return "crmd";
  }

  static com.fasterxml.jackson.databind.JsonNode status(Controller c) {
    var o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    o.put("node", c.node().name());
    o.put("dc", c.dc());
    o.put("isDc", c.isDc());
    o.put("joined", c.joined());
    o.put("quorate", c.hasQuorum());
    var members = o.putArray("members");
    c.currentMembers().forEach(m -> members.add(m.name()));
    return o;
  }

  @Override
  public Daemon start(DaemonContext ctx) throws Exception {
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      MembershipClient membership =
          MembershipClient.connect(ctx.paths(), ctx.loops(), "pacer-crmd", WAIT);
      opened.add(membership);
      StatusReply status = membership.status().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      Member self = new Member(status.node(), Integer.toString(status.nodeId()));
      List<Member> nodes = new ArrayList<>();
      nodes.add(self);
      for (StatusReply.LinkState l : status.links()) {
        Member m = new Member(l.node(), Integer.toString(l.nodeId()));
        if (!nodes.contains(m)) {
          nodes.add(m);
        }
      }
      CibClient cib =
          CibClient.connect(
              ctx.loops(),
              new Endpoint.Local(ctx.paths().socket("cib")),
              ClientOptions.named("pacer-crmd"),
              WAIT);
      opened.add(cib);
      LrmdClient lrmdClient =
          LrmdClient.connect(ctx.loops(), ctx.paths(), ClientOptions.named("pacer-crmd"), WAIT);
      FencingDevices executor = new FencingDevices(new LrmdExecutor(lrmdClient));
      opened.add(executor);
      StonithdFencer fencer = new StonithdFencer(ctx.loops(), ctx.paths());
      opened.add(fencer);
      SchedulerInputArchive archive =
          new SchedulerInputArchive(ctx.paths().libDir().resolve("pengine"));
      opened.add(archive);
      Controller controller =
          new Controller(self, nodes, executor.history(), options, ctx.clock().millis());
      CpgGroup group = new CpgGroup(membership);
      Running running = new Running(opened);
      ControllerLoop loop =
          new ControllerLoop(
              controller,
              group,
              new CibAdapter(cib),
              new PengineScheduler(archive),
              executor,
              fencer,
              ctx.clock(),
              running::exited);
      running.loop = loop;
      ExecutorService toolThreads = Executors.newFixedThreadPool(2);
      running.toolThreads = toolThreads;
      MessageServer.Builder server =
          MessageServer.builder("pacer-crmd").node(self.name()).executor(toolThreads);
      new ToolService(new ControllerToolBackend(loop, cib)).register(server);
      server.handle(
          CLEANUP,
          request -> {
            String node = request.body().path("node").asText("");
            String resource = request.body().path("resource").asText("");
            if (node.isEmpty() || resource.isEmpty()) {
              throw org.pacer.messaging.rpc.RequestException.badRequest(
                  "crmd.cleanup needs 'node' and 'resource'");
            }
            loop.submit(new org.pacer.crmd.controller.Input.Cleanup(node, resource));
            return java.util.concurrent.CompletableFuture.completedFuture(
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
          });
      server.handle(
          STATUS,
          request ->
              java.util.concurrent.CompletableFuture.completedFuture(
                  loop.read(CrmdDaemonFactory::status)));
      running.server =
          server.build(ctx.loops()).start(new Endpoint.Local(ctx.paths().socket("crmd")));
      loop.start();
      log.info("pacer-crmd on {} (id {}) with nodes {}", self.name(), self.id(), nodes);
      return running;
    } catch (Exception e) {
      for (AutoCloseable c : opened) {
        try {
          c.close();
        } catch (Exception ignored) {
          // Already failing; the first error is the one to report.
        }
      }
      throw e;
    }
  }

  /** How long a stopping controller waits for the DC to move its resources and let it go. */
  static final long SHUTDOWN_WAIT_MS = Long.getLong("pacer.crmd.shutdownWaitMs", 20_000);

  /** The running daemon: closes what it opened, in reverse. */
  static final class Running implements Daemon {
    private final List<AutoCloseable> opened;
    private final java.util.concurrent.CountDownLatch exit =
        new java.util.concurrent.CountDownLatch(1);
    volatile ControllerLoop loop;
    volatile MessageServer server;
    volatile ExecutorService toolThreads;
    private boolean closed;

    Running(List<AutoCloseable> opened) {
      this.opened = opened;
    }

    /** The DC let this node go (or it was never in a cluster): stop now. */
    void exited() {
      exit.countDown();
      Thread t = new Thread(this::close, "crmd-exit");
      t.setDaemon(true);
      t.start();
    }

    /**
     * Stops gracefully: asks the cluster to move this node's resources away and waits (up to {@link
     * #SHUTDOWN_WAIT_MS}) for the DC to let it go, as Pacemaker's controller does on SIGTERM; then
     * releases everything.
     */
    @Override
    public void close() {
      if (exit.getCount() > 0 && loop != null) {
        log.info("shutting down: asking the DC to move this node's resources away");
        loop.submit(new org.pacer.crmd.controller.Input.ShutdownRequested());
        try {
          if (!exit.await(SHUTDOWN_WAIT_MS, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            log.warn(
                "the DC did not let this node go within {} ms; stopping anyway", SHUTDOWN_WAIT_MS);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      synchronized (this) {
        if (closed) {
          return;
        }
        closed = true;
      }
      if (server != null) {
        server.close();
      }
      if (toolThreads != null) {
        toolThreads.shutdownNow();
      }
      if (loop != null) {
        loop.close();
      }
      for (int i = opened.size() - 1; i >= 0; i--) {
        try {
          opened.get(i).close();
        } catch (Exception e) {
          log.debug("closing: {}", e.getMessage());
        }
      }
    }
  }
}
