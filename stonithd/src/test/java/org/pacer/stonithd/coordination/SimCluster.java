package org.pacer.stonithd.coordination;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.pacer.stonithd.config.FencingConfig;
import org.pacer.stonithd.port.GroupView;

/**
 * A deterministic cluster for the fencing coordinator: virtual time, a seeded random source, a
 * process group with agreed order and virtual synchrony per partition component, node crashes,
 * restarts, partitions and heals, and simulated devices whose runs succeed, fail or hang. A device
 * that succeeds against a live node crashes it (that is what fencing does); a reboot brings it
 * back.
 */
final class SimCluster {

  /** How a simulated device behaves: probabilities of failing and of hanging, run time bounds. */
  record DeviceBehaviour(double failRate, double hangRate, long minRunMs, long maxRunMs) {}

  /** A device run that ended, as the cluster saw it. */
  record Run(
      String node, String opId, int step, String device, String target, boolean ok, long at) {}

  record Fence(String target, String byDevice, String executor, String opId, long at) {}

  /** What one node's coordinator reported, for the invariants. */
  record Outcome(String node, int incarnation, String opId, HistoryEntry entry, long at) {}

  static final long ORDER_DELAY_MS = 3;

  final Random random;
  final FencingConfig config;
  final Map<String, DeviceBehaviour> behaviours;

  /** Device to the nodes it can fence; absent: every node (pcmk_host_check=none). */
  final Map<String, Set<String>> deviceTargets;

  /** Device to the nodes that may not run it. */
  final Map<String, Set<String>> deviceBans;

  final List<String> names;
  long now;
  private long seq;
  private final PriorityQueue<Event> queue = new PriorityQueue<>();
  final Map<String, Node> nodes = new LinkedHashMap<>();
  private int nextComponent = 1;
  private long nextViewId = 1;

  final List<Run> runs = new ArrayList<>();
  final List<Fence> fences = new ArrayList<>();
  final List<Outcome> finished = new ArrayList<>();

  /** callId to (node, incarnation, opId, acceptedAt, timeout). */
  final Map<String, Accepted> accepted = new LinkedHashMap<>();

  final Map<String, Long> timeouts = new HashMap<>();
  final List<String> violations = new ArrayList<>();
  final List<String> trace = new ArrayList<>();
  boolean autoRestart = true;
  boolean partitioned;

  record Accepted(String node, int incarnation, String opId, long at, long timeoutMs) {}

  final class Node {
    final String name;
    FencingCoordinator coordinator;
    int incarnation;
    boolean alive;
    int component;
    List<String> view = List.of();
    final Set<String> cancelled = new HashSet<>();

    Node(String name) {
      this.name = name;
    }
  }

  private record Event(long at, long seq, Runnable action) implements Comparable<Event> {
    @Override
    public int compareTo(Event o) {
      return at != o.at ? Long.compare(at, o.at) : Long.compare(seq, o.seq);
    }
  }

  SimCluster(
      long seed,
      List<String> names,
      FencingConfig config,
      Map<String, DeviceBehaviour> behaviours,
      Map<String, Set<String>> deviceTargets,
      Map<String, Set<String>> deviceBans) {
    this.random = new Random(seed);
    this.names = List.copyOf(names);
    this.config = config;
    this.behaviours = behaviours;
    this.deviceTargets = deviceTargets;
    this.deviceBans = deviceBans;
    for (String n : names) {
      nodes.put(n, new Node(n));
    }
  }

  // ---- scheduling ----

  void at(long time, Runnable action) {
    queue.add(new Event(Math.max(time, now), seq++, action));
  }

  void runUntil(long end) {
    while (!queue.isEmpty() && queue.peek().at() <= end) {
      Event e = queue.poll();
      now = e.at();
      e.action().run();
    }
    now = Math.max(now, end);
  }

  // ---- membership ----

  /** Starts every node in one component. */
  void startAll() {
    int c = nextComponent++;
    for (Node n : nodes.values()) {
      boot(n, c);
    }
    announce(c);
  }

  private void boot(Node n, int component) {
    n.incarnation++;
    n.alive = true;
    n.component = component;
    n.view = List.of();
    n.cancelled.clear();
    n.coordinator = new FencingCoordinator(n.name, "i" + n.incarnation);
    apply(n, new FencingEvent.Configured(config, now));
  }

  void crash(String name) {
    Node n = nodes.get(name);
    if (!n.alive) {
      return;
    }
    trace.add(now + " crash " + name);
    n.alive = false;
    announce(n.component);
  }

  void restart(String name, int joinComponentOf) {
    Node n = nodes.get(name);
    if (n.alive) {
      return;
    }
    trace.add(now + " restart " + name);
    Node host = nodes.get(names.get(joinComponentOf));
    if (!host.alive) {
      host = nodes.values().stream().filter(x -> x.alive).findFirst().orElse(host);
    }
    int c = host.alive ? host.component : nextComponent++;
    boot(n, c);
    announce(c);
  }

  /** Splits the live nodes into two components: {@code side} and the rest. */
  void partition(Set<String> side) {
    trace.add(now + " partition " + side);
    partitioned = true;
    int a = nextComponent++;
    int b = nextComponent++;
    for (Node n : nodes.values()) {
      if (n.alive) {
        n.component = side.contains(n.name) ? a : b;
      }
    }
    announce(a);
    announce(b);
  }

  void heal() {
    trace.add(now + " heal");
    int c = nextComponent++;
    for (Node n : nodes.values()) {
      if (n.alive) {
        n.component = c;
      }
    }
    announce(c);
  }

  /** Orders a configuration change in the component; each member sees its own joined/left. */
  private void announce(int component) {
    long viewId = nextViewId++;
    at(
        now + ORDER_DELAY_MS,
        () -> {
          List<String> members = membersOf(component);
          for (String m : members) {
            Node n = nodes.get(m);
            if (!n.alive || n.component != component) {
              continue;
            }
            List<String> left = new ArrayList<>(n.view);
            left.removeAll(members);
            List<String> joined = new ArrayList<>(members);
            joined.removeAll(n.view);
            n.view = members;
            trace.add(
                now
                    + " view "
                    + viewId
                    + " at "
                    + m
                    + ": "
                    + members
                    + " joined "
                    + joined
                    + " left "
                    + left);
            apply(
                n, new FencingEvent.ViewChanged(new GroupView(viewId, members, left, joined), now));
          }
        });
  }

  private List<String> membersOf(int component) {
    List<String> list = new ArrayList<>();
    for (Node n : nodes.values()) {
      if (n.alive && n.component == component) {
        list.add(n.name);
      }
    }
    return list;
  }

  // ---- clients ----

  void request(
      String node, String callId, String target, String action, long timeoutMs, long delayMs) {
    Node n = nodes.get(node);
    if (!n.alive) {
      return;
    }
    timeouts.put(callId, timeoutMs);
    trace.add(now + " " + node + " asks " + action + " " + target + " (" + callId + ")");
    apply(
        n,
        new FencingEvent.FenceRequested(
            callId, target, action, "client-" + callId, timeoutMs, delayMs, now));
  }

  void confirm(String node, String callId, String target) {
    Node n = nodes.get(node);
    if (n.alive) {
      apply(n, new FencingEvent.ManualConfirmation(callId, target, "operator", now));
    }
  }

  // ---- the shell of one node ----

  void apply(Node n, FencingEvent event) {
    List<FencingEffect> effects;
    try {
      effects = n.coordinator.handle(event);
    } catch (RuntimeException e) {
      violations.add(now + " " + n.name + " threw on " + event + ": " + e);
      return;
    }
    int incarnation = n.incarnation;
    for (FencingEffect effect : effects) {
      perform(n, incarnation, effect);
    }
  }

  private void later(Node n, int incarnation, long at, FencingEvent.TimerFired unused, Runnable r) {
    at(
        at,
        () -> {
          if (n.alive && n.incarnation == incarnation) {
            r.run();
          }
        });
  }

  private void perform(Node n, int incarnation, FencingEffect effect) {
    if (effect instanceof FencingEffect.Broadcast b) {
      if (!(b.message() instanceof FencingMessage.QueryReply)) {
        trace.add(
            now
                + " "
                + n.name
                + " sends "
                + b.message().getClass().getSimpleName()
                + " "
                + b.message().opId());
      }
      // Reaches the sequencer after a short hop; ordered in the sender's component then.
      at(now + 1 + random.nextInt(5), () -> order(n, incarnation, b.message()));
    } else if (effect instanceof FencingEffect.CheckDevices c) {
      long latency = random.nextInt(10) < 9 ? 1 + random.nextInt(30) : 500 + random.nextInt(3000);
      List<String> devices = capable(n.name, c.target());
      later(
          n,
          incarnation,
          now + latency,
          null,
          () -> apply(n, new FencingEvent.DevicesChecked(c.opId(), c.round(), devices, now)));
    } else if (effect instanceof FencingEffect.RunDevice r) {
      runDevice(n, incarnation, r);
    } else if (effect instanceof FencingEffect.SetTimer t) {
      later(
          n,
          incarnation,
          t.at(),
          null,
          () -> {
            if (!n.cancelled.contains(t.opId())) {
              apply(n, new FencingEvent.TimerFired(t.opId(), t.kind(), now));
            }
          });
    } else if (effect instanceof FencingEffect.CancelTimers c) {
      n.cancelled.add(c.opId());
    } else if (effect instanceof FencingEffect.Accepted a) {
      accepted.put(
          a.callId(),
          new Accepted(n.name, incarnation, a.opId(), now, timeouts.getOrDefault(a.callId(), 0L)));
    } else if (effect instanceof FencingEffect.Refused r) {
      trace.add(now + " " + n.name + " refused " + r.callId() + ": " + r.reason());
    } else if (effect instanceof FencingEffect.Finished f) {
      finished.add(new Outcome(n.name, incarnation, f.opId(), f.entry(), now));
    }
  }

  private void order(Node sender, int incarnation, FencingMessage message) {
    if (!sender.alive || sender.incarnation != incarnation) {
      return; // died before the message left it
    }
    int component = sender.component;
    List<String> members = membersOf(component);
    String from = sender.name;
    at(
        now + ORDER_DELAY_MS,
        () -> {
          for (String m : members) {
            Node n = nodes.get(m);
            if (n.alive && n.view.contains(from) || n.alive && n.name.equals(from)) {
              apply(n, new FencingEvent.Delivered(from, message, now));
            }
          }
        });
  }

  private List<String> capable(String node, String target) {
    List<String> list = new ArrayList<>();
    for (String device : new TreeSet<>(behaviours.keySet())) {
      Set<String> targets = deviceTargets.get(device);
      boolean can = targets == null || targets.contains(target);
      if (can && !deviceBans.getOrDefault(device, Set.of()).contains(node)) {
        list.add(device);
      }
    }
    return list;
  }

  private void runDevice(Node n, int incarnation, FencingEffect.RunDevice r) {
    if (n.name.equals(r.target())) {
      violations.add(now + " " + n.name + " was asked to fence itself in " + r.opId());
    }
    DeviceBehaviour b = behaviours.get(r.device());
    if (b == null) {
      later(
          n,
          incarnation,
          now + 1,
          null,
          () ->
              apply(
                  n,
                  new FencingEvent.DeviceFinished(
                      r.opId(), r.step(), r.device(), false, "no such device", now)));
      return;
    }
    long delay = r.extraDelayMs();
    if (r.applyDeviceDelay()) {
      var d = config.device(r.device());
      if (d.isPresent()) {
        delay += d.get().delayFor(r.target(), random).toMillis();
      }
    }
    long run = b.minRunMs() + (long) (random.nextDouble() * (b.maxRunMs() - b.minRunMs()));
    double roll = random.nextDouble();
    if (roll < b.hangRate()) {
      trace.add(now + " " + n.name + " device " + r.device() + " hangs in " + r.opId());
      return; // the agent never answers; the operation's deadline must end it
    }
    boolean ok = roll >= b.hangRate() + b.failRate();
    long end = now + delay + run;
    // The power command leaves the executor half way through the run and lands a little later,
    // even if the executor dies meanwhile: that is how both halves of a split can be shot.
    long sent = now + delay + run / 2;
    long flight = 20 + random.nextInt(200);
    if (ok && !r.action().equals("on")) {
      later(
          n,
          incarnation,
          sent,
          null,
          () ->
              at(
                  now + flight,
                  () -> {
                    fences.add(new Fence(r.target(), r.device(), n.name, r.opId(), now));
                    Node target = nodes.get(r.target());
                    if (target != null && target.alive) {
                      crash(r.target());
                      if (autoRestart && r.action().equals("reboot")) {
                        at(
                            now + 1000 + random.nextInt(2000),
                            () -> restart(r.target(), random.nextInt(names.size())));
                      }
                    }
                  }));
    }
    later(
        n,
        incarnation,
        Math.max(end, sent + flight),
        null,
        () -> {
          runs.add(new Run(n.name, r.opId(), r.step(), r.device(), r.target(), ok, now));
          apply(
              n,
              new FencingEvent.DeviceFinished(
                  r.opId(),
                  r.step(),
                  r.device(),
                  ok,
                  ok ? r.device() + ": OK" : r.device() + " failed with exit code 1",
                  now));
        });
  }

  boolean alive(String name) {
    return nodes.get(name).alive;
  }

  Map<String, List<HistoryEntry>> histories() {
    Map<String, List<HistoryEntry>> map = new HashMap<>();
    for (Node n : nodes.values()) {
      if (n.alive) {
        map.put(n.name, n.coordinator.history());
      }
    }
    return map;
  }
}
