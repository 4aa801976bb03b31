package org.pacer.cib.daemon;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.pacer.cib.acl.AclEnforcer;
import org.pacer.cib.acl.GroupResolver;
import org.pacer.cib.diff.CibDiff;
import org.pacer.cib.diff.DiffCodec;
import org.pacer.cib.document.CibDocument;
import org.pacer.cib.replication.ProcessGroup;
import org.pacer.cib.replication.SoloGroup;
import org.pacer.cib.store.CibStore;
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

  private final Supplier<ProcessGroup> groups;
  private final PasswordCheck passwords;
  private final String remoteBindAddress;

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
      Supplier<ProcessGroup> groups, PasswordCheck passwords, String remoteBindAddress) {
    this.groups = groups;
    this.passwords = passwords;
    this.remoteBindAddress = remoteBindAddress;
  }

  /**
   * The membership daemon's client is not on this branch yet: until it is, a node runs as a
   * one-node cluster and says so, rather than pretending to replicate.
   */
  static ProcessGroup defaultGroup() {
    log.warn("no membership group client available: this CIB runs as a one-node cluster");
    return new SoloGroup();
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
    CibService service = new CibService(ctx.node(), store, groups.get(), acl, ctx.clock());
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
    }

    @Override
    public void close() {
      remote.close();
      local.close();
      service.close();
    }
  }
}
