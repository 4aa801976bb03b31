package org.pacer.cib.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.pacer.cib.acl.AclEnforcer;
import org.pacer.cib.acl.GroupResolver;
import org.pacer.cib.diff.CibDiff;
import org.pacer.cib.diff.DiffCodec;
import org.pacer.cib.document.CibDocument;
import org.pacer.cib.replication.MembershipGroup;
import org.pacer.cib.replication.ProcessGroup;
import org.pacer.cib.replication.SoloGroup;
import org.pacer.cib.store.CibStore;
import org.pacer.membership.client.MembershipClient;
import org.pacer.messaging.daemon.Daemon;
import org.pacer.messaging.daemon.DaemonContext;
import org.pacer.messaging.daemon.DaemonFactory;
import org.pacer.messaging.rpc.MessageServer;
import org.pacer.messaging.security.PasswordCheck;
import org.pacer.messaging.transport.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the CIB daemon: loads the CIB from {@code <lib>/cib}, joins the {@code cib} group, serves
 * the local socket, and offers remote administration when the CIB asks for it.
 */
public final class CibDaemonFactory implements DaemonFactory {
  private static final Logger log = LoggerFactory.getLogger(CibDaemonFactory.class);

  /** Backups of cib.xml kept beside it. */
  public static final int BACKUPS = 20;

  private final Function<DaemonContext, ProcessGroup> groups;
  private final PasswordCheck passwords;
  private final String remoteBindAddress;

  /** Set to true to run without pacer-membership, as a one-node cluster. */
  public static final String STANDALONE = "pacer.cib.standalone";

  /** The production daemon. */
  public CibDaemonFactory() {
    this(CibDaemonFactory::defaultGroup, ShadowPasswordCheck.system(), "0.0.0.0");
  }

  /**
   * @param groups the process group to join (the membership daemon's, or a test's)
   * @param passwords how remote users are authenticated
   * @param remoteBindAddress where remote listeners bind
   */
  public CibDaemonFactory(
      Function<DaemonContext, ProcessGroup> groups,
      PasswordCheck passwords,
      String remoteBindAddress) {
    this.groups = groups;
    this.passwords = passwords;
    this.remoteBindAddress = remoteBindAddress;
  }

  /**
   * The {@code cib} group on the node's pacer-membership (started before the cib daemon; waited for
   * up to 30 s). A node without a corosync.conf is not part of a cluster and runs alone, as does
   * any node started with {@code -Dpacer.cib.standalone=true}; both say so in the log.
   */
  static ProcessGroup defaultGroup(DaemonContext ctx) {
    if (Boolean.getBoolean(STANDALONE)) {
      log.warn(
          "{}=true: this CIB runs as a one-node cluster, without pacer-membership", STANDALONE);
      return new SoloGroup();
    }
    if (!java.nio.file.Files.exists(ctx.paths().corosyncConf())) {
      log.warn(
          "no {}: this node is not configured as part of a cluster, so its CIB runs as a one-node"
              + " cluster",
          ctx.paths().corosyncConf());
      return new SoloGroup();
    }
    try {
      return new MembershipGroup(
          MembershipClient.connect(ctx.paths(), ctx.loops(), "cib", Duration.ofSeconds(30)));
    } catch (IOException e) {
      throw new IllegalStateException(
          "pacer-cib needs pacer-membership at "
              + ctx.paths().socket("membership")
              + " ("
              + e.getMessage()
              + "); start it first, or run with -D"
              + STANDALONE
              + "=true for a one-node cluster",
          e);
    }
  }

  @Override
  public String name() {
    return "cib";
  }

  @Override
  public Running start(DaemonContext ctx) throws Exception {
    Path dir = ctx.paths().libDir().resolve("cib");
    CibStore store = new CibStore(dir, BACKUPS);
    AclEnforcer acl = new AclEnforcer(GroupResolver.fromFile(Path.of("/etc/group")));
    CibService service = new CibService(ctx.node(), store, groups.apply(ctx), acl, ctx.clock());
    CibHandlers handlers = new CibHandlers(service, ctx.node(), ctx.clock());
    MessageServer local;
    try {
      service.start();
      local =
          handlers
              .register(MessageServer.builder("cib").node(ctx.node()))
              .build(ctx.loops())
              .start(new Endpoint.Local(ctx.paths().socket("cib")));
    } catch (Exception e) {
      service.close();
      throw e;
    }
    RemoteAccess remote =
        new RemoteAccess(
            remoteBindAddress,
            ctx.paths().etcDir(),
            passwords,
            ctx.loops(),
            check ->
                handlers.register(
                    MessageServer.builder("cib").node(ctx.node()).passwordCheck(check)));
    Running running = new Running(service, local, remote);
    service.addListener(running);
    remote.follow(service.current("root").join());
    return running;
  }

  /** The running daemon: publishes changes to subscribers of every endpoint. */
  public static final class Running implements Daemon, CibListener {
    private final CibService service;
    private final MessageServer local;
    private final RemoteAccess remote;

    Running(CibService service, MessageServer local, RemoteAccess remote) {
      this.service = service;
      this.local = local;
      this.remote = remote;
    }

    public CibService service() {
      return service;
    }

    /** The port remote administration listens on (0 when off). */
    public int remotePort(boolean tls) {
      return remote.boundPort(tls);
    }

    @Override
    public void onDiff(CibDiff diff, CibDocument cib) {
      var body = DiffCodec.toJson(diff);
      if (AclEnforcer.enabled(cib)) {
        // Every subscriber gets the same push; with ACLs on it must not carry content.
        body.putArray("changes");
        body.put("restricted", true);
      }
      local.publish(CibProtocol.DIFF, body);
      remote.publish(CibProtocol.DIFF, body);
      if (diff.changes().stream().anyMatch(c -> c.path().equals("/cib"))) {
        remote.follow(cib);
      }
    }

    @Override
    public void onRefresh(CibDocument cib, String reason) {
      var body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      body.put("version", cib.version().toString());
      body.put("digest", cib.digest());
      body.put("reason", reason);
      local.publish(CibProtocol.REFRESH, body);
      remote.follow(cib);
      remote.publish(CibProtocol.REFRESH, body);
    }

    @Override
    public void close() {
      remote.close();
      local.close();
      service.close();
    }
  }
}
