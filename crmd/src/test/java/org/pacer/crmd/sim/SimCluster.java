package org.pacer.crmd.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.pacer.crmd.controller.Controller;
import org.pacer.crmd.controller.ControllerOptions;
import org.pacer.crmd.controller.Effect;
import org.pacer.crmd.controller.Input;
import org.pacer.crmd.controller.OpRequest;
import org.pacer.crmd.controller.OpResult;
import org.pacer.crmd.controller.TimerKey;
import org.pacer.crmd.message.CrmdMessage;
import org.pacer.crmd.message.Member;

/**
 * N controllers over a simulated {@code crmd} group, with simulated executors, fencing and CIB, on
 * a virtual clock driven by one seeded random source, so a seed replays exactly.
 *
 * <p>The group keeps the guarantees Pacer's membership layer gives: within a partition every member
 * delivers the same messages in the same order, configuration changes at the same point for all;
 * when the membership changes, each member first delivers what was already ordered in its old
 * configuration, then the new configuration (extended virtual synchrony). Messages take a random
 * time to be ordered and delivered; a message whose sender dies before it is ordered is lost.
 */
final class SimCluster {

  static final long BASE = 1_700_000_000_000L;

  final long seed;
  final Random rnd;
  final List<String> names = new ArrayList<>();
  final List<Member> members = new ArrayList<>();
  final List<String> resources = new ArrayList<>();
  final String policy;
  final FakeScheduler scheduler;
  final Map<String, SimNode> nodes = new TreeMap<>();
  private final PriorityQueue<Ev> queue = new PriorityQueue<>();
  private final Deque<String> trace = new ArrayDeque<>();
  private final SimInvariants invariants;
  private final double startFail;
  private final double stopFail;
  private long seq;
  private long viewCounter;
  long now = BASE;
  int events;

  private record Ev(long at, long seq, Runnable action) implements Comparable<Ev> {
    @Override
    public int compareTo(Ev o) {
      return at != o.at ? Long.compare(at, o.at) : Long.compare(seq, o.seq);
    }
  }

  record Entry(String from, CrmdMessage message, Input.ViewChanged view) {}

  static final class Part {
    final long viewId;
    final List<Entry> stream = new ArrayList<>();
    final Set<String> members;

    Part(long viewId, Set<String> members) {
      this.viewId = viewId;
      this.members = members;
    }
  }

  final class SimNode {
    final Member member;
    Controller ctl;
    int incarnation;
    boolean power = true;
    boolean daemons;
    int net;
    final SimExecutor exec = new SimExecutor();
    SimCib cib = new SimCib();
    Part part;
    int cursor;
    long lastDeliverAt;
    long lastSendAt;
    int cleanExits;
    int fenced;

    /** How often this node's controller lost its DC (an election began). */
    int dcLosses;

    Boolean quorate;

    /** Views delivered so far: a delayed quorum report belongs to one view only. */
    long views;

    final Map<TimerKey, Long> timers = new HashMap<>();
    long timerGen;

    SimNode(Member m) {
      this.member = m;
    }

    String name() {
      return member.name();
    }
  }

  /** A random cluster: 3–5 nodes, 2–4 resources, a random no-quorum-policy and failure rates. */
  SimCluster(long seed) {
    this(seed, new Random(seed));
  }

  private SimCluster(long seed, Random rnd) {
    this(
        seed,
        rnd,
        3 + rnd.nextInt(3),
        2 + rnd.nextInt(3),
        new String[] {"stop", "freeze", "suicide"}[rnd.nextInt(3)],
        rnd.nextDouble() * 0.05,
        rnd.nextDouble() * 0.02);
  }

  /** A cluster of the given shape; failure rates apply to every start and stop. */
  SimCluster(
      long seed,
      Random rnd,
      int nodeCount,
      int resourceCount,
      String policy,
      double startFail,
      double stopFail) {
    this.seed = seed;
    this.rnd = rnd;
    for (int i = 1; i <= nodeCount; i++) {
      Member m = new Member("node" + i, Integer.toString(i));
      names.add(m.name());
      members.add(m);
      nodes.put(m.name(), new SimNode(m));
    }
    for (int i = 1; i <= resourceCount; i++) {
      resources.add("rsc" + i);
    }
    this.policy = policy;
    this.startFail = startFail;
    this.stopFail = stopFail;
    scheduler = new FakeScheduler(names, resources, policy);
    invariants = new SimInvariants(this);
  }

  SimNode node(String name) {
    return nodes.get(name);
  }

  /** The nodes where a resource really runs. */
  List<String> runningOn(String rsc) {
    List<String> out = new ArrayList<>();
    for (SimNode n : nodes.values()) {
      if (n.power && n.exec.running.contains(rsc)) {
        out.add(n.name());
      }
    }
    return out;
  }

  /** The DC as the given node sees it. */
  String dcSeenBy(String name) {
    SimNode n = nodes.get(name);
    return n.ctl == null ? null : n.ctl.dc();
  }

  /** Sets a transient attribute through a node's controller, as attrd_updater would. */
  void setAttribute(String via, CrmdMessage.AttrUpdate u) {
    handle(nodes.get(via), new Input.SetAttribute(u));
  }

  /** Asks a node's controller to shut down gracefully (SIGTERM to pacer-crmd). */
  void requestShutdown(String name) {
    handle(nodes.get(name), new Input.ShutdownRequested());
  }

  /** Partitions the network into the given side and the rest. */
  void partition(Set<String> side) {
    for (SimNode n : nodes.values()) {
      n.net = side.contains(n.name()) ? 1 : 0;
    }
    log("partition " + side + " | rest");
    membershipChanged();
  }

  // ---- the event loop ----

  void at(long delay, Runnable action) {
    queue.add(new Ev(now + Math.max(0, delay), seq++, action));
  }

  /** Runs events until {@code until} (virtual ms since start); checks invariants after each. */
  void runUntil(long until) {
    while (!queue.isEmpty() && queue.peek().at <= BASE + until) {
      Ev e = queue.poll();
      now = e.at;
      e.action.run();
      events++;
      invariants.afterEvent();
    }
    now = Math.max(now, BASE + until);
  }

  void log(String line) {
    trace.addLast((now - BASE) + "ms " + line);
    if (trace.size() > 300) {
      trace.removeFirst();
    }
  }

  String traceTail() {
    return String.join("\n", trace);
  }

  int between(int lo, int hi) {
    return lo + rnd.nextInt(hi - lo + 1);
  }

  // ---- node life ----

  void startDaemons(SimNode n) {
    if (!n.power || n.daemons) {
      return;
    }
    n.daemons = true;

    n.incarnation++;
    n.timers.clear();
    n.quorate = null;
    // The executor restarted with the daemons: it remembers nothing, though agents may run.
    // The CIB is on disk: it survives the daemons and the power.
    n.ctl = new Controller(n.member, members, List.of(), ControllerOptions.defaults(), now);
    log(n.name() + " daemons start");
    membershipChanged();
  }

  void killDaemons(SimNode n, String why) {
    if (!n.daemons) {
      return;
    }
    n.daemons = false;
    n.incarnation++;
    n.ctl = null;
    n.part = null;
    n.exec.daemonsDied();
    log(n.name() + " daemons die (" + why + ")");
    membershipChanged();
  }

  void powerOff(SimNode n, String why) {
    boolean wasUp = n.daemons;
    n.daemons = false;
    n.incarnation++;
    n.ctl = null;
    n.part = null;
    n.power = false;
    n.exec.powerLost();
    log(n.name() + " powered off (" + why + ")");
    if (wasUp) {
      membershipChanged();
    }
  }

  void powerOn(SimNode n) {
    if (n.power) {
      return;
    }
    n.power = true;
    log(n.name() + " powered on");
    startDaemons(n);
  }

  // ---- the group ----

  /** Recomputes partitions from the network and daemon state; changed ones get a new view. */
  void membershipChanged() {
    Map<Integer, Set<String>> groups = new TreeMap<>();
    for (SimNode n : nodes.values()) {
      if (n.daemons) {
        groups.computeIfAbsent(n.net, k -> new LinkedHashSet<>()).add(n.name());
      }
    }
    for (Set<String> g : groups.values()) {
      boolean unchanged = true;
      for (String name : g) {
        Part p = nodes.get(name).part;
        unchanged &= p != null && p.members.equals(g);
      }
      if (unchanged) {
        continue;
      }
      Part fresh = new Part(++viewCounter, g);
      for (String name : g) {
        SimNode n = nodes.get(name);
        if (n.part != null) {
          // Deliver what the old configuration already ordered, then switch.
          Part old = n.part;
          while (n.cursor < old.stream.size() && n.part == old) {
            deliver(n, old.stream.get(n.cursor++));
          }
        }
      }
      for (String name : g) {
        SimNode n = nodes.get(name);
        if (!n.daemons) {
          continue;
        }
        n.part = fresh;
        n.cursor = 0;
        n.lastDeliverAt = now;
      }
      List<Member> view = new ArrayList<>();
      for (String name : g) {
        view.add(nodes.get(name).member);
      }
      log("view " + fresh.viewId + " " + g);
      append(fresh, new Entry(null, null, new Input.ViewChanged(fresh.viewId, view)));
    }
  }

  private void broadcast(SimNode from, CrmdMessage m) {
    int inc = from.incarnation;
    // Messages from one sender are ordered in the order it sent them (the group keeps FIFO).
    long t = Math.max(now + between(0, 2), from.lastSendAt);
    from.lastSendAt = t;
    queue.add(
        new Ev(
            t,
            seq++,
            () -> {
              if (from.incarnation != inc || from.part == null) {
                return; // the sender died before the message was ordered
              }
              append(from.part, new Entry(from.name(), m, null));
            }));
  }

  private void append(Part p, Entry e) {
    p.stream.add(e);
    int index = p.stream.size() - 1;
    for (String name : p.members) {
      SimNode n = nodes.get(name);
      long t = Math.max(now + between(0, 3), n.lastDeliverAt);
      n.lastDeliverAt = t;
      queue.add(
          new Ev(
              t,
              seq++,
              () -> {
                while (n.part == p && n.cursor <= index) {
                  deliver(n, p.stream.get(n.cursor++));
                }
              }));
    }
  }

  private void deliver(SimNode n, Entry e) {
    if (e.view() != null) {
      handle(n, e.view());
      boolean q = e.view().members().size() * 2 > names.size();
      // As CpgGroup does: quorum as it is after the view, after every view (the controller holds
      // transitions and fencing until it has it). Sometimes a little later, with the group's
      // messages going on meanwhile: the controller must not act on the previous view's quorum.
      if (n.ctl != null) {
        long view = ++n.views;
        int inc = n.incarnation;
        Runnable report =
            () -> {
              if (n.ctl != null && n.incarnation == inc && n.views == view) {
                n.quorate = q;
                handle(n, new Input.QuorumChanged(q));
              }
            };
        if (rnd.nextBoolean()) {
          report.run();
        } else {
          queue.add(new Ev(now + between(0, 30), seq++, report));
        }
      }
    } else {
      if (e.message() instanceof CrmdMessage.ActionResult r
          && Boolean.getBoolean("crmd.sim.verbose")) {
        log(
            n.name()
                + " gets result "
                + r.op().operationKey()
                + "@"
                + r.node()
                + " "
                + r.op().transitionMagic()
                + (n.ctl != null && n.ctl.isDc() ? " as DC" : ""));
      }
      if (e.message() instanceof CrmdMessage.JoinRequest r
          && Boolean.getBoolean("crmd.sim.verbose")) {
        log(
            n.name()
                + " gets join request "
                + r.viewId()
                + " from "
                + r.node()
                + " "
                + r.history().stream()
                    .flatMap(h -> h.ops().stream())
                    .filter(o -> o.pending())
                    .map(o -> o.operationKey())
                    .toList());
      }
      handle(n, new Input.Delivered(e.from(), e.message()));
    }
  }

  // ---- effects ----

  void handle(SimNode n, Input in) {
    if (n.ctl == null) {
      return;
    }
    List<Effect> effects = n.ctl.handle(now, in);
    for (Effect e : effects) {
      apply(n, e);
    }
  }

  private void apply(SimNode n, Effect e) {
    int inc = n.incarnation;
    if (e instanceof Effect.Broadcast b) {
      if (b.message() instanceof CrmdMessage.JoinConfirm && n.part != null) {
        // The cib's join sync: every member takes the DC's copy.
        for (String m : n.part.members) {
          nodes.get(m).cib = n.cib.copy();
        }
      }
      broadcast(n, b.message());
    } else if (e instanceof Effect.SetTimer t) {
      long gen = ++n.timerGen;
      n.timers.put(t.key(), gen);
      at(
          t.delayMs(),
          () -> {
            if (n.incarnation == inc && Long.valueOf(gen).equals(n.timers.get(t.key()))) {
              n.timers.remove(t.key());
              handle(n, new Input.TimerFired(t.key()));
            }
          });
    } else if (e instanceof Effect.CancelTimer t) {
      n.timers.remove(t.key());
    } else if (e instanceof Effect.ExecuteOp x) {
      if (n.exec.submit(x.request())) {
        beginNext(n, x.request().resource().id());
      }
    } else if (e instanceof Effect.CancelOp c) {
      n.exec.monitors.remove(c.resource().id());
    } else if (e instanceof Effect.Fence f) {
      fence(n, f);
    } else if (e instanceof Effect.UpdateCib u) {
      if (n.part == null) {
        n.cib.apply(u.update());
      } else {
        for (String m : n.part.members) {
          nodes.get(m).cib.apply(u.update());
        }
      }
    } else if (e instanceof Effect.ComputeGraph g) {
      String xml = scheduler.compute(n.cib.copy());
      at(
          between(1, 8),
          () -> {
            if (n.incarnation == inc) {
              handle(n, new Input.GraphReady(g.requestId(), xml));
            }
          });
    } else if (e instanceof Effect.DcChanged d) {
      log(n.name() + " sees DC " + d.dc());
      if (d.dc() == null) {
        n.dcLosses++;
      }
    } else if (e instanceof Effect.TransitionEnded t) {
      log(n.name() + " transition " + t.transitionId() + " " + t.outcome() + ": " + t.reason());
    } else if (e instanceof Effect.Exit x) {
      n.cleanExits++;
      log(n.name() + " exits: " + x.reason());
      // The daemon takes a moment to close (its group connection last); the operator starts it
      // again later.
      at(
          between(20, 200),
          () -> {
            if (n.incarnation == inc) {
              killDaemons(n, x.reason());
              at(between(200, 1500), () -> startDaemons(n));
            }
          });
    }
  }

  private void beginNext(SimNode n, String rsc) {
    OpRequest r = n.exec.begin(rsc);
    if (r == null) {
      return;
    }
    int inc = n.incarnation;
    boolean fail =
        (r.operation().equals("start") && rnd.nextDouble() < startFail)
            || (r.operation().equals("stop") && rnd.nextDouble() < stopFail);
    log(
        n.name()
            + " begins "
            + r.operation()
            + " "
            + rsc
            + (r.intervalMs() > 0 ? " (recurring)" : ""));
    at(
        between(1, 30),
        () -> {
          if (n.incarnation != inc) {
            return; // the executor died; the agent's effect (if any) stands
          }
          OpResult res = n.exec.finish(r, fail, now / 1000);
          log(n.name() + " " + r.operation() + " " + rsc + " rc=" + res.rc());
          handle(n, new Input.ExecutorCompleted(res));
          if (r.intervalMs() > 0) {
            scheduleMonitor(n, r, inc);
          }
          beginNext(n, rsc);
        });
  }

  private void scheduleMonitor(SimNode n, OpRequest r, int inc) {
    String rsc = r.resource().id();
    at(
        r.intervalMs(),
        () -> {
          if (n.incarnation != inc || !n.exec.monitors.containsKey(rsc)) {
            return;
          }
          int rc = n.exec.running.contains(rsc) ? 0 : 7;
          if (rc != n.exec.monitors.get(rsc)) {
            n.exec.monitors.put(rsc, rc);
            OpResult res =
                new OpResult(
                    r.resource(),
                    "monitor",
                    r.intervalMs(),
                    0,
                    rc,
                    0,
                    "",
                    1,
                    0,
                    now / 1000,
                    r.transitionKey());
            log(n.name() + " monitor " + rsc + " changed rc=" + rc);
            handle(n, new Input.ExecutorCompleted(res));
          }
          scheduleMonitor(n, r, inc);
        });
  }

  private void fence(SimNode requester, Effect.Fence f) {
    int inc = requester.incarnation;
    SimNode target = nodes.get(f.target());
    boolean ok = rnd.nextDouble() < 0.95;
    log(requester.name() + " asks to fence " + f.target());
    invariants.fencingRequested(requester, f.target());
    at(
        between(5, 60),
        () -> {
          if (ok) {
            target.fenced++;
            powerOff(target, "fenced");
            at(between(200, 1500), () -> powerOn(target));
            notifyFenced(requester, f.target(), f.action(), "pacer-crmd");
          }
          if (requester.incarnation == inc) {
            handle(
                requester,
                new Input.FencingCompleted(f.target(), f.action(), ok, ok ? "" : "device failed"));
          }
        });
  }

  /**
   * An operator fences {@code target} from {@code origin} (crm node fence, stonith_admin): no
   * controller asked, every controller hears of it from the fencer.
   */
  void operatorFence(SimNode origin, String target) {
    if (!origin.daemons) {
      return;
    }
    SimNode t = nodes.get(target);
    log("operator on " + origin.name() + " fences " + target);
    at(
        between(5, 60),
        () -> {
          t.fenced++;
          powerOff(t, "fenced by the operator");
          at(between(200, 1500), () -> powerOn(t));
          notifyFenced(origin, target, "reboot", "stonith_admin");
        });
  }

  /**
   * The fencer's notification of a result, to every controller in the origin's partition a moment
   * after the fencing (stonithd's result message travels with the membership change).
   */
  private void notifyFenced(SimNode origin, String target, String action, String client) {
    long completedAt = now;
    for (SimNode n : nodes.values()) {
      if (n.daemons && n.net == origin.net) {
        int inc = n.incarnation;
        at(
            between(0, 3),
            () -> {
              if (n.incarnation == inc) {
                handle(
                    n,
                    new Input.FencingObserved(target, action, origin.name(), client, completedAt));
              }
            });
      }
    }
  }

  // ---- faults ----

  void partition() {
    List<String> shuffled = new ArrayList<>(names);
    java.util.Collections.shuffle(shuffled, rnd);
    int cut = 1 + rnd.nextInt(names.size() - 1);
    partition(new HashSet<>(shuffled.subList(0, cut)));
  }

  void heal() {
    for (SimNode n : nodes.values()) {
      n.net = 0;
    }
    log("network healed");
    membershipChanged();
  }

  void resourceDies() {
    SimNode n = nodes.get(names.get(rnd.nextInt(names.size())));
    if (!n.exec.running.isEmpty()) {
      String r = n.exec.running.iterator().next();
      n.exec.running.remove(r);
      log(r + " dies on " + n.name());
    }
  }

  SimNode randomNode() {
    return nodes.get(names.get(rnd.nextInt(names.size())));
  }
}
