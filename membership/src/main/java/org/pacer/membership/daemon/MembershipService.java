package org.pacer.membership.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.pacer.membership.api.CpgPush;
import org.pacer.membership.api.CpgRequests;
import org.pacer.membership.api.QuorumInfo;
import org.pacer.membership.api.Requests;
import org.pacer.membership.api.StatusReply;
import org.pacer.membership.config.ClusterConfig;
import org.pacer.membership.config.NodeEntry;
import org.pacer.membership.cpg.CpgEvent;
import org.pacer.membership.cpg.ProcessId;
import org.pacer.membership.node.MembershipNode;
import org.pacer.membership.node.NodeEffect;
import org.pacer.membership.quorum.QuorumState;
import org.pacer.membership.totem.TimerKind;
import org.pacer.membership.totem.TotemEffect;
import org.pacer.membership.totem.TotemPacket;
import org.pacer.membership.totem.TotemStatus;
import org.pacer.messaging.envelope.Json;
import org.pacer.messaging.logging.LogContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one {@link MembershipNode} for real: every event (a packet, a timer, a client request)
 * runs on one engine thread, in arrival order, and the effects are carried out there: packets to
 * the {@link RingNetwork}, timers to the engine's scheduler, events to local clients through the
 * {@link Publisher}. Clients hold their group memberships by lease (see {@link CpgRequests}).
 */
final class MembershipService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MembershipService.class);

  /** Where pushes go (the local socket server). */
  interface Publisher {
    void publish(String topic, JsonNode body);
  }

  /**
   * Sends wait (their request is not answered) while this much is queued for the ring, so a fast
   * sender cannot grow the queue, and the delivery latency, without bound.
   */
  static final long SEND_QUEUE_LIMIT = 512L * 1024;

  /**
   * @param deadline epoch ms after which the caller no longer waits (0 = none)
   */
  private record BlockedSend(
      String client,
      String group,
      List<byte[]> payloads,
      long deadline,
      CompletableFuture<Object> answer) {}

  /** Events for each client from the step being carried out, pushed together at its end. */
  private final Map<String, List<CpgPush>> outgoing = new LinkedHashMap<>();

  private final java.util.ArrayDeque<BlockedSend> blocked = new java.util.ArrayDeque<>();

  private static final class Client {
    final long pid;
    long leaseUntil;

    /** The local connection it last spoke over: when that closes, the process is gone. */
    long connection = -1;

    long seq;

    Client(long pid) {
      this.pid = pid;
    }
  }

  private final ScheduledExecutorService engine;
  private final MembershipNode node;
  private final ClusterConfig config;
  private final NodeEntry self;
  private final long startNanos = System.nanoTime();
  private final long pidBase;
  private final Map<TimerKind, ScheduledFuture<?>> timers = new EnumMap<>(TimerKind.class);
  private final Map<String, Client> clients = new HashMap<>();
  private final Map<Long, String> clientByPid = new HashMap<>();
  private ScheduledFuture<?> lmsTimer;
  private RingNetwork net;
  private Publisher publisher = (t, b) -> {};
  private long nextPid = 1;
  private boolean stopped;

  MembershipService(MembershipNode node, ClusterConfig config, NodeEntry self) {
    this.node = node;
    this.config = config;
    this.self = self;
    // Process ids stay unique across daemon restarts: the start time (ms) in the high bits.
    this.pidBase = (System.currentTimeMillis() & 0xFF_FFFF_FFFFL) << 20;
    this.engine =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "membership-engine");
              t.setDaemon(true);
              return t;
            });
    engine.execute(() -> LogContext.with(LogContext.NODE, self.name()));
  }

  void attach(RingNetwork network, Publisher pub) {
    this.net = network;
    this.publisher = pub;
  }

  long now() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  void start() {
    engine.execute(() -> apply(node.start(now())));
    engine.scheduleWithFixedDelay(this::expireLeases, 500, 500, TimeUnit.MILLISECONDS);
  }

  /** A packet that passed the network's checks (called on a Netty thread). */
  void received(int link, TotemPacket p) {
    engine.execute(
        () -> {
          if (!stopped) {
            apply(node.onPacket(link, p, now()));
            if (!blocked.isEmpty()) {
              unblock();
            }
          }
        });
  }

  /** Runs {@code action} on the engine thread; the future fails with what it throws. */
  <T> CompletableFuture<T> call(Supplier<T> action) {
    CompletableFuture<T> f = new CompletableFuture<>();
    engine.execute(
        () -> {
          try {
            f.complete(action.get());
          } catch (RuntimeException e) {
            f.completeExceptionally(e);
          }
        });
    return f;
  }

  // ---- requests (engine thread) ----------------------------------------------------------------

  void cpgJoin(String client, String group, long connection) {
    Client c = lease(client);
    c.connection = connection;
    apply(node.cpgJoin(group, c.pid, now()));
  }

  void cpgLeave(String client, String group) {
    Client c = existing(client);
    apply(node.cpgLeave(group, c.pid, now()));
  }

  /**
   * Queues group messages; the answer waits while the ring's send queue is full. A send still
   * waiting at its caller's deadline is dropped, never sent after the caller gave up on it.
   */
  CompletableFuture<Object> cpgSend(
      String client, String group, List<byte[]> payloads, long deadline) {
    Client c = existing(client);
    c.leaseUntil = now() + CpgRequests.LEASE_MS;
    if (blocked.isEmpty() && node.queuedBytes() < SEND_QUEUE_LIMIT) {
      sendAll(c, group, payloads);
      return CompletableFuture.completedFuture(java.util.Map.of("ok", true));
    }
    CompletableFuture<Object> answer = new CompletableFuture<>();
    blocked.add(new BlockedSend(client, group, payloads, deadline, answer));
    return answer;
  }

  private void sendAll(Client c, String group, List<byte[]> payloads) {
    List<NodeEffect> effects = new ArrayList<>();
    for (byte[] p : payloads) {
      effects.addAll(node.cpgSend(group, c.pid, p, now()));
    }
    apply(effects);
  }

  /** Lets waiting sends in once the queue has drained to half its limit. */
  private void unblock() {
    long wall = System.currentTimeMillis();
    blocked.removeIf(
        b -> {
          if (b.deadline() > 0 && b.deadline() <= wall) {
            b.answer()
                .completeExceptionally(
                    new IllegalStateException("the ring's send queue stayed full; not sent"));
            return true;
          }
          return false;
        });
    while (!blocked.isEmpty() && node.queuedBytes() < SEND_QUEUE_LIMIT / 2) {
      BlockedSend b = blocked.poll();
      Client c = clients.get(b.client());
      if (c == null) {
        b.answer().completeExceptionally(new IllegalStateException("client has left"));
        continue;
      }
      try {
        sendAll(c, b.group(), b.payloads());
        b.answer().complete(java.util.Map.of("ok", true));
      } catch (RuntimeException e) {
        b.answer().completeExceptionally(e);
      }
    }
  }

  void keepalive(String client, long connection) {
    Client c = existing(client);
    c.leaseUntil = now() + CpgRequests.LEASE_MS;
    c.connection = connection;
  }

  /**
   * A local connection closed (called on a Netty thread). Its clients' processes are gone (or gave
   * up on us): they leave their groups now, so the other members see a process-down at once instead
   * of after the lease. The lease still catches a process that hangs with its socket open.
   */
  void connectionClosed(long connection) {
    engine.execute(
        () -> {
          if (!stopped) {
            dropClients(c -> c.connection == connection, "closed its connection");
          }
        });
  }

  List<CpgPush.GroupMember> members(String group) {
    return node.groupMembers(group).stream().map(this::member).toList();
  }

  QuorumInfo setExpectedVotes(int votes) {
    apply(node.setExpectedVotes(votes, now()));
    return quorumInfo(node.quorumState());
  }

  private Client lease(String client) {
    if (client == null || client.isBlank() || client.length() > 200) {
      throw new IllegalArgumentException("a client id of 1 to 200 characters is required");
    }
    Client c = clients.get(client);
    if (c == null) {
      c = new Client(pidBase | nextPid++);
      clients.put(client, c);
      clientByPid.put(c.pid, client);
    }
    c.leaseUntil = now() + CpgRequests.LEASE_MS;
    return c;
  }

  private Client existing(String client) {
    Client c = clients.get(client);
    if (c == null) {
      throw new IllegalStateException("client '" + client + "' " + CpgRequests.NOT_JOINED);
    }
    return c;
  }

  private void expireLeases() {
    if (!blocked.isEmpty()) {
      unblock();
    }
    long now = now();
    dropClients(c -> c.leaseUntil < now, "stopped renewing its lease");
  }

  private void dropClients(java.util.function.Predicate<Client> gone, String why) {
    long now = now();
    for (var it = clients.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (gone.test(e.getValue())) {
        log.info("client {} {}: it leaves its groups", e.getKey(), why);
        it.remove();
        clientByPid.remove(e.getValue().pid);
        apply(node.clientGone(e.getValue().pid, now));
      }
    }
  }

  // ---- effects (engine thread) -----------------------------------------------------------------

  private void apply(List<NodeEffect> effects) {
    for (NodeEffect e : effects) {
      try {
        applyOne(e);
      } catch (RuntimeException ex) {
        log.error("could not carry out {}", e.getClass().getSimpleName(), ex);
      }
    }
    if (!outgoing.isEmpty()) {
      outgoing.forEach(
          (client, events) ->
              publisher.publish(CpgRequests.topic(client), Json.toTree(new CpgPush.Batch(events))));
      outgoing.clear();
    }
  }

  private void applyOne(NodeEffect ne) {
    if (ne instanceof NodeEffect.Totem t) {
      TotemEffect e = t.effect();
      if (e instanceof TotemEffect.Send s) {
        net.send(s.to(), s.packet());
      } else if (e instanceof TotemEffect.SendOnLink s) {
        net.sendOnLink(s.to(), s.link(), s.packet());
      } else if (e instanceof TotemEffect.SetTimer s) {
        cancel(timers.remove(s.kind()));
        timers.put(
            s.kind(),
            engine.schedule(
                () -> fire(s.kind(), s.at()), Math.max(0, s.at() - now()), TimeUnit.MILLISECONDS));
      } else if (e instanceof TotemEffect.CancelTimer c) {
        cancel(timers.remove(c.kind()));
      } else if (e instanceof TotemEffect.ConfigChange c) {
        log.info(
            "{} configuration {}: members {} left {} joined {}",
            c.transitional() ? "transitional" : "regular",
            c.ring(),
            c.members(),
            c.left(),
            c.joined());
        publisher.publish(
            Requests.RING_TOPIC,
            Json.toTree(
                new Requests.RingChange(
                    c.ring().toString(), c.transitional(), c.members(), c.left(), c.joined())));
      } else if (e instanceof TotemEffect.LinkChange l) {
        log.info("link {} to node {} is {}", l.link(), name(l.node()), l.up() ? "up" : "down");
      }
    } else if (ne instanceof NodeEffect.Client c) {
      push(c.to(), c.event());
    } else if (ne instanceof NodeEffect.Quorum q) {
      log.info(
          "quorum: {} (votes {}, expected {}, needed {})",
          q.state().quorate() ? "quorate" : "NOT quorate",
          q.state().totalVotes(),
          q.state().expectedVotes(),
          q.state().quorum());
      publisher.publish(Requests.QUORUM_TOPIC, Json.toTree(quorumInfo(q.state())));
    } else if (ne instanceof NodeEffect.LmsTimer l) {
      cancel(lmsTimer);
      lmsTimer = null;
      if (l.at() > 0) {
        lmsTimer =
            engine.schedule(
                () -> apply(node.onLmsTimer(now())),
                Math.max(0, l.at() - now()),
                TimeUnit.MILLISECONDS);
      }
    }
  }

  private void fire(TimerKind kind, long at) {
    ScheduledFuture<?> f = timers.get(kind);
    if (stopped || f == null) {
      return;
    }
    timers.remove(kind);
    apply(node.onTimer(kind, now()));
  }

  private static void cancel(ScheduledFuture<?> f) {
    if (f != null) {
      f.cancel(false);
    }
  }

  private void push(ProcessId to, CpgEvent event) {
    String client = clientByPid.get(to.pid());
    Client c = client == null ? null : clients.get(client);
    if (c == null) {
      return; // gone: its leave is on its way through the ring
    }
    CpgPush push;
    if (event instanceof CpgEvent.Deliver d) {
      push =
          new CpgPush(
              "deliver", ++c.seq, d.group(), member(d.sender()), d.payload(), null, null, null);
    } else {
      CpgEvent.ConfChg cc = (CpgEvent.ConfChg) event;
      push =
          new CpgPush(
              "confchg",
              ++c.seq,
              cc.group(),
              null,
              null,
              cc.members().stream().map(this::member).toList(),
              changes(cc.joined()),
              changes(cc.left()));
    }
    outgoing.computeIfAbsent(client, k -> new ArrayList<>()).add(push);
  }

  private List<CpgPush.GroupChange> changes(List<CpgEvent.Change> list) {
    List<CpgPush.GroupChange> out = new ArrayList<>();
    for (CpgEvent.Change c : list) {
      out.add(
          new CpgPush.GroupChange(
              member(c.member()), c.reason().name().toLowerCase(java.util.Locale.ROOT)));
    }
    return out;
  }

  private CpgPush.GroupMember member(ProcessId p) {
    return new CpgPush.GroupMember(p.node(), name(p.node()), p.pid());
  }

  private String name(int nodeId) {
    return config.node(nodeId).map(NodeEntry::name).orElse(Integer.toUnsignedString(nodeId));
  }

  // ---- status (engine thread) -------------------------------------------------------------------

  static QuorumInfo quorumInfo(QuorumState q) {
    return new QuorumInfo(
        q.quorate(), q.members(), q.totalVotes(), q.expectedVotes(), q.quorum(), q.waitingForAll());
  }

  QuorumInfo quorum() {
    return quorumInfo(node.quorumState());
  }

  StatusReply status() {
    TotemStatus t = node.ringStatus();
    List<StatusReply.Member> members = new ArrayList<>();
    for (int id : t.members()) {
      members.add(new StatusReply.Member(id, name(id), addr(id, 0)));
    }
    List<StatusReply.LinkState> links = new ArrayList<>();
    for (TotemStatus.Link l : t.links()) {
      links.add(
          new StatusReply.LinkState(
              l.node(), name(l.node()), l.link(), addr(l.node(), l.link()), l.up()));
    }
    Map<String, Long> counters = new LinkedHashMap<>(t.counters());
    counters.putAll(net.counters());
    counters.put("clients", (long) clients.size());
    return new StatusReply(
        self.nodeId(),
        self.name(),
        t.state(),
        t.ring().toString(),
        members,
        links,
        quorumInfo(node.quorumState()),
        counters);
  }

  private String addr(int nodeId, int link) {
    var a = net.address(nodeId, link);
    return a == null ? null : a.getAddress().getHostAddress();
  }

  /** Leaves the ring gracefully (the others reform at once) and stops the engine. */
  @Override
  public void close() {
    CompletableFuture<Void> left =
        call(
            () -> {
              if (!stopped) {
                apply(node.leave(now()));
                stopped = true;
                timers.values().forEach(MembershipService::cancel);
                timers.clear();
                cancel(lmsTimer);
              }
              return null;
            });
    try {
      left.get(2, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("graceful leave did not complete: {}", e.toString());
    }
    engine.shutdown();
    try {
      engine.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs {@code action} on the engine thread; its future may complete later. */
  <T> CompletableFuture<T> callAsync(Supplier<CompletableFuture<T>> action) {
    return call(action).thenCompose(f -> f);
  }
}
