package org.pacer.membership.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.pacer.membership.totem.TotemEffect;

/** Plays one {@link Scenario} on a {@link TotemSim} and checks it with a {@link TotemChecker}. */
final class TotemRun {

  final Scenario sc;
  final TotemSim sim;
  final TotemChecker checker = new TotemChecker();
  final GroupChecker groups = new GroupChecker();
  private final Random r;
  private final long[] counters;
  private final List<String> trace = new ArrayList<>();
  private final boolean verbose;
  private long configChanges;
  private org.pacer.membership.totem.RingId stableRing;
  private long stableSince;
  private long changesAtStable;
  private long lastRegularAt = -1;

  TotemRun(Scenario sc, boolean verbose) {
    this.sc = sc;
    this.verbose = verbose;
    this.sim = new TotemSim(sc.seed, sc.nodes, sc.links, sc.timeouts, sc.quorumOptions);
    this.r = sim.random;
    this.counters = new long[sc.nodes];
    sim.observer = this::observe;
  }

  private void observe(int node, org.pacer.membership.node.NodeEffect ne, long now) {
    if (ne instanceof org.pacer.membership.node.NodeEffect.Client c) {
      groups.event(node, c.to(), c.event());
      return;
    }
    if (!(ne instanceof org.pacer.membership.node.NodeEffect.Totem t)) {
      return;
    }
    TotemEffect e = t.effect();
    if (e instanceof TotemEffect.ConfigChange cc) {
      groups.configChange(node, cc);
      configChanges++;
      if (!cc.transitional()) {
        lastRegularAt = now;
      }
    }
    if (e instanceof TotemEffect.Deliver d) {
      checker.delivered(node, d.payload());
    } else if (e instanceof TotemEffect.ConfigChange c) {
      log(
          now,
          "node "
              + node
              + (c.transitional() ? " trans " : " regular ")
              + c.ring()
              + " "
              + c.members());
      checker.configChange(node, c);
    }
  }

  private void log(long now, String s) {
    if (verbose) {
      System.out.println(now + " " + s);
    } else {
      trace.add(now + " " + s);
      if (trace.size() > 200) {
        trace.remove(0);
      }
    }
  }

  String recentTrace() {
    return String.join("\n", trace);
  }

  /** Runs the scenario; throws AssertionError when an invariant breaks. */
  void run() {
    for (int node = 1; node <= sc.nodes; node++) {
      int nd = node;
      sim.at(r.nextInt(300), () -> startNode(nd));
    }
    scheduleWorkload(0, sc.faultPhaseEnd + 2000);
    scheduleFaults();
    scheduleReplays(sc.faultPhaseEnd);
    long heal = sc.faultPhaseEnd;
    sim.at(
        heal,
        () -> {
          log(sim.now, "heal");
          sim.net.heal();
          for (int node = 1; node <= sc.nodes; node++) {
            if (!sim.up[node - 1]) {
              startNode(node);
            }
          }
        });
    scheduleGroupWork(0, sc.faultPhaseEnd + 2000);
    long bound = heal + sc.convergenceBound();
    if (Boolean.getBoolean("sim.trace")) {
      sim.traceFrom = Long.getLong("sim.traceFrom", bound - 120);
    }
    Runnable eachEvent = sc.quorumExclusive ? this::checkQuorum : () -> {};
    sim.runUntil(heal, eachEvent);
    // From the moment every node is in one ring formed after the heal, captured packets are
    // replayed at it: just after an installation, before heartbeats name the new ring, is the
    // moment that matters. (A ring formed before the heal may still fall to what the faults did,
    // a token or heartbeat timeout yet to fire; it is used once those would have fired.)
    long settled = heal + sc.timeouts.tokenMs() + sc.timeouts.consensusMs();
    Runnable watch =
        () -> {
          eachEvent.run();
          if (stableRing == null
              && (lastRegularAt >= heal || sim.now >= settled)
              && sim.converged()) {
            startReplaysAtStableRing();
          }
        };
    sim.runUntil(bound, watch);
    if (stableRing == null) {
      StringBuilder sb =
          new StringBuilder("no single ring " + sc.convergenceBound() + " ms after the heal:");
      for (int node = 1; node <= sc.nodes; node++) {
        sb.append("\n  node ").append(node).append(": ").append(sim.status(node));
      }
      throw new AssertionError(sb.toString());
    }
    sim.runUntil(Math.max(bound, stableSince + 4 * sc.timeouts.tokenMs()), eachEvent);
    checkStableRingUnchanged();
    sim.runUntil(sim.now + 5000, eachEvent);
    for (int node = 1; node <= sc.nodes; node++) {
      if (!sim.nodes[node - 1].quorumState().quorate()) {
        throw new AssertionError(
            "node "
                + node
                + " not quorate with every node up: "
                + sim.nodes[node - 1].quorumState());
      }
    }
    if (!checker.owed().isEmpty()) {
      throw new AssertionError(
          checker.owed().size()
              + " messages never came back to their sender, e.g. "
              + checker.owed().iterator().next());
    }
  }

  /** During the faults, bursts of captured packets are replayed to the nodes. */
  private void scheduleReplays(long until) {
    java.util.Random rr = sim.replays.random;
    long t = 0;
    while (true) {
      t += 100 + rr.nextInt(900);
      if (t >= until) {
        break;
      }
      int count = 1 + rr.nextInt(20);
      sim.at(t, () -> sim.replay(count));
    }
  }

  /**
   * Replays captured packets (most of them from rings and rounds long over) at the converged ring
   * for three token timeouts: none of them may change any node's configuration.
   */
  private void startReplaysAtStableRing() {
    stableRing = sim.status(1).ring();
    stableSince = sim.now;
    changesAtStable = configChanges;
    log(sim.now, "one ring " + stableRing + "; replaying captured packets at it");
    for (long t = sim.now + 1; t < stableSince + 3 * sc.timeouts.tokenMs(); t += 20) {
      sim.at(t, () -> sim.replay(5));
    }
  }

  private void checkStableRingUnchanged() {
    if (configChanges != changesAtStable
        || !sim.converged()
        || !stableRing.equals(sim.status(1).ring())) {
      StringBuilder sb =
          new StringBuilder("replayed packets changed the stable ring " + stableRing + ":");
      for (int node = 1; node <= sc.nodes; node++) {
        sb.append("\n  node ").append(node).append(": ").append(sim.status(node));
      }
      throw new AssertionError(sb.toString());
    }
  }

  /** Two quorate nodes must see intersecting memberships: never two disjoint quorate parts. */
  private void checkQuorum() {
    for (int a = 0; a < sc.nodes; a++) {
      if (!sim.up[a] || !sim.nodes[a].quorumState().quorate()) {
        continue;
      }
      java.util.List<Integer> ma = sim.nodes[a].quorumState().members();
      for (int b = a + 1; b < sc.nodes; b++) {
        if (!sim.up[b] || !sim.nodes[b].quorumState().quorate()) {
          continue;
        }
        java.util.List<Integer> mb = sim.nodes[b].quorumState().members();
        if (java.util.Collections.disjoint(ma, mb)) {
          throw new AssertionError(
              "split brain: node "
                  + (a + 1)
                  + " quorate with "
                  + ma
                  + " and node "
                  + (b + 1)
                  + " quorate with "
                  + mb);
        }
      }
    }
  }

  private void scheduleGroupWork(long from, long until) {
    long t = from;
    while (true) {
      t += 5 + r.nextInt(120);
      if (t >= until) {
        break;
      }
      int node = 1 + r.nextInt(sc.nodes);
      int client = r.nextInt(3);
      String group = "g" + r.nextInt(3);
      int op = r.nextInt(100);
      sim.at(
          t,
          () -> {
            if (!sim.up[node - 1]) {
              return;
            }
            long pid = sim.incarnation(node) * 1000L + client;
            try {
              if (op < 25) {
                sim.call(node, n -> n.cpgJoin(group, pid, sim.now));
              } else if (op < 35) {
                sim.call(node, n -> n.cpgLeave(group, pid, sim.now));
              } else if (op < 38) {
                sim.call(node, n -> n.clientGone(pid, sim.now));
              } else {
                byte[] body = groups.nextMessage(node, pid);
                sim.call(node, n -> n.cpgSend(group, pid, body, sim.now));
              }
            } catch (IllegalStateException notMember) {
              // not joined (or already left): the daemon answers such a request with an error
            }
          });
    }
  }

  private void startNode(int node) {
    log(sim.now, "start " + node);
    checker.started(node);
    groups.started(node);
    sim.start(node);
  }

  private void crashNode(int node) {
    log(sim.now, "crash " + node);
    checker.crashed(node);
    sim.crash(node);
  }

  private void scheduleWorkload(long from, long until) {
    double perMs = sc.submitRatePerSec / 1000.0;
    long t = from;
    while (true) {
      t += 1 + (long) (-Math.log(1 - r.nextDouble()) / perMs);
      if (t >= until) {
        break;
      }
      int node = 1 + r.nextInt(sc.nodes);
      int roll = r.nextInt(1000);
      int size = roll < 970 ? 20 + r.nextInt(200) : roll < 998 ? 2000 + r.nextInt(40_000) : 300_000;
      sim.at(
          t,
          () -> {
            if (sim.up[node - 1]) {
              TotemChecker.MsgId id =
                  new TotemChecker.MsgId(node, sim.incarnation(node), ++counters[node - 1]);
              checker.submitted(node, id);
              sim.submit(node, TotemChecker.payload(id, size));
            }
          });
    }
  }

  private void scheduleFaults() {
    long t = 500;
    int[] partitionIds = new int[sc.nodes];
    while (true) {
      t += 300 + r.nextInt(2500);
      if (t >= sc.faultPhaseEnd - 200) {
        break;
      }
      int kind = r.nextInt(100);
      int node = 1 + r.nextInt(sc.nodes);
      if (kind < 20) {
        sim.at(
            t,
            () -> {
              if (sim.up[node - 1]) {
                crashNode(node);
              }
            });
        long back = t + 200 + r.nextInt(4000);
        sim.at(
            back,
            () -> {
              if (!sim.up[node - 1]) {
                startNode(node);
              }
            });
      } else if (kind < 30) {
        sim.at(
            t,
            () -> {
              if (sim.up[node - 1]) {
                log(sim.now, "leave " + node);
                checker.crashed(node);
                sim.leave(node);
              }
            });
        sim.at(
            t + 500 + r.nextInt(3000),
            () -> {
              if (!sim.up[node - 1]) {
                startNode(node);
              }
            });
      } else if (kind < 55) {
        int groups = 2 + r.nextInt(2);
        int[] assign = new int[sc.nodes];
        for (int i = 0; i < sc.nodes; i++) {
          assign[i] = r.nextInt(groups);
        }
        sim.at(
            t,
            () -> {
              log(sim.now, "partition " + java.util.Arrays.toString(assign));
              System.arraycopy(assign, 0, sim.net.partition, 0, sc.nodes);
            });
      } else if (kind < 70) {
        sim.at(
            t,
            () -> {
              log(sim.now, "merge");
              java.util.Arrays.fill(sim.net.partition, 0);
            });
      } else if (kind < 85) {
        double loss = r.nextInt(4) == 0 ? 0 : r.nextDouble() * 0.2;
        double dup = r.nextDouble() * 0.05;
        double spike = r.nextDouble() * 0.02;
        sim.at(
            t,
            () -> {
              sim.net.loss = loss;
              sim.net.duplication = dup;
              sim.net.spike = spike;
            });
      } else if (sc.links > 1) {
        int link = r.nextInt(sc.links);
        boolean cut = r.nextBoolean();
        sim.at(t, () -> sim.net.cut[node - 1][link] = cut);
      }
    }
    if (partitionIds.length < 0) {
      throw new IllegalStateException();
    }
  }
}
