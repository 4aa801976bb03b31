package org.pacer.cib.replication;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.pacer.cib.document.CibDocument;
import org.pacer.cib.document.CibPaths;
import org.pacer.cib.document.CibSection;
import org.pacer.cib.document.CibVersion;
import org.pacer.cib.ops.CibUpdater;
import org.pacer.cib.ops.CibWrite;
import org.pacer.cib.ops.WriteContext;
import org.pacer.cib.ops.WriteOutcome;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A seeded, deterministic model of a total-order process group with virtual synchrony, driving real
 * {@link CibReplica}s through writes, partitions, merges, crashes with restart from disk, and
 * (optionally) a faulty node whose writes diverge. Every message goes through {@link
 * ReplicationCodec}. Invariants are checked as the run goes; a violation throws with the seed.
 */
final class GroupSimulator {
  final long seed;
  final Random rnd;
  final boolean partitions;
  final boolean faults;
  final CibUpdater updater = CibUpdater.standard();
  final Map<String, SimNode> nodes = new TreeMap<>();
  final List<Component> components = new ArrayList<>();
  final List<String> trace = new ArrayList<>();
  long viewIds;
  long incarnations;
  long requests;
  int writes;
  int rounds;
  int installs;
  int resyncs;
  final Map<Long, String> acked = new LinkedHashMap<>();
  final Map<Long, String> submitted = new HashMap<>();

  final class SimNode {
    final String name;
    CibReplica replica;
    CibDocument disk;
    boolean up = true;
    boolean faulty;

    /** States of the members when this node's current round began, for the rule check. */
    Map<String, Offered> roundStart = Map.of();

    SimNode(String name, CibDocument initial) {
      this.name = name;
      this.disk = initial;
      this.replica = new CibReplica(name, "i" + (++incarnations), initial, this::apply);
    }

    WriteOutcome apply(CibDocument cib, CibWrite w, WriteContext ctx) {
      WriteOutcome out = updater.apply(cib, w, ctx);
      if (faulty && out.changed() && rnd.nextInt(4) == 0) {
        // A bug on this node: its copy gains something the others' do not.
        Document d = out.cib().mutableCopy();
        d.getDocumentElement().setAttribute("divergence", "n" + rnd.nextInt(1000));
        return new WriteOutcome(CibDocument.adopt(d), out.diff());
      }
      return out;
    }
  }

  record Offered(CibVersion version, String digest, boolean live) {}

  record Envelope(String sender, byte[] bytes) {}

  final class Component {
    final List<String> members = new ArrayList<>();
    final Deque<Envelope> queue = new ArrayDeque<>();
    View view;
  }

  GroupSimulator(long seed, int nodeCount, boolean partitions, boolean faults) {
    this.seed = seed;
    this.rnd = new Random(seed);
    this.partitions = partitions;
    this.faults = faults;
    CibDocument base = CibDocument.empty();
    for (int i = 1; i <= nodeCount; i++) {
      String n = "n" + i;
      nodes.put(n, new SimNode(n, base));
    }
    if (faults) {
      nodes.get("n" + (1 + rnd.nextInt(nodeCount))).faulty = true;
    }
    if (partitions) {
      // Nodes start alone and merge as they find each other, as daemons do when they start.
      for (String n : nodes.keySet()) {
        Component c = new Component();
        c.members.add(n);
        components.add(c);
        newView(c);
      }
    } else {
      Component c = new Component();
      c.members.addAll(nodes.keySet());
      components.add(c);
      newView(c);
    }
  }

  void fail(String what) {
    throw new AssertionError(
        "seed "
            + seed
            + " (replay: -Dseed="
            + seed
            + "): "
            + what
            + "\nlast events:\n  "
            + String.join("\n  ", trace.subList(Math.max(0, trace.size() - 60), trace.size())));
  }

  void log(String s) {
    trace.add(s);
  }

  // --- the group ---

  void newView(Component c) {
    c.members.sort(Comparator.naturalOrder());
    c.view = new View(++viewIds, c.members);
    log("view " + c.view.id() + " " + c.members);
    for (String m : new ArrayList<>(c.members)) {
      effects(m, nodes.get(m).replica.onView(c.view));
    }
  }

  /** Whether a replica's copy has been part of a cluster (mirrors the replica's own flag). */
  boolean live(CibReplica r) {
    return r.liveForTest();
  }

  Component componentOf(String n) {
    for (Component c : components) {
      if (c.members.contains(n)) {
        return c;
      }
    }
    return null;
  }

  void deliverOne(Component c) {
    Envelope e = c.queue.poll();
    if (e == null) {
      return;
    }
    deliverTo(c.members, e);
  }

  void deliverTo(List<String> members, Envelope e) {
    ReplicationMessage m = ReplicationCodec.decode(e.bytes());
    log("deliver " + m.getClass().getSimpleName() + " from " + e.sender() + " to " + members);
    if (m instanceof ReplicationMessage.Resync) {
      resyncs++;
    }
    if (m instanceof ReplicationMessage.StartRound) {
      // The copies as they stand at this point of the order are what the round must choose from.
      Map<String, Offered> start = new HashMap<>();
      for (String o : members) {
        CibReplica ro = nodes.get(o).replica;
        start.put(o, new Offered(ro.cib().version(), ro.cib().digest(), live(ro)));
      }
      for (String n : members) {
        nodes.get(n).roundStart = start;
      }
    }
    for (String n : new ArrayList<>(members)) {
      effects(n, nodes.get(n).replica.onDeliver(e.sender(), m));
    }
  }

  void effects(String n, List<ReplicaEffect> effects) {
    SimNode node = nodes.get(n);
    for (ReplicaEffect fx : effects) {
      if (fx instanceof ReplicaEffect.Broadcast b) {
        Component c = componentOf(n);
        if (c != null && node.up) {
          c.queue.add(new Envelope(n, ReplicationCodec.encode(b.message())));
        }
      } else if (fx instanceof ReplicaEffect.Applied a) {
        writes++;
        log(n + " applied " + a.cib().version() + " " + a.cib().digest().substring(0, 8));
        if (a.diff().touchesConfiguration()) {
          node.disk = withoutStatus(a.cib());
        }
      } else if (fx instanceof ReplicaEffect.Installed i) {
        installs++;
        node.disk = withoutStatus(i.cib());
      } else if (fx instanceof ReplicaEffect.Synced s) {
        rounds++;
        SimulationChecks.checkRule(this, node, s.decision());
      } else if (fx instanceof ReplicaEffect.Reply r) {
        if (r.result().ok()) {
          acked.put(r.requestId(), submitted.get(r.requestId()));
        }
      }
    }
  }

  static CibDocument withoutStatus(CibDocument cib) {
    Document d = cib.mutableCopy();
    Element status = CibPaths.child(d.getDocumentElement(), "status");
    if (status != null) {
      d.getDocumentElement().removeChild(status);
    }
    d.getDocumentElement().appendChild(d.createElement("status"));
    return CibDocument.adopt(d);
  }

  // --- actions ---

  void submitWrite() {
    List<String> upNodes = nodes.values().stream().filter(x -> x.up).map(x -> x.name).toList();
    String n = upNodes.get(rnd.nextInt(upNodes.size()));
    long id = ++requests;
    CibWrite w;
    String label;
    int k = rnd.nextInt(10);
    if (k < 5) {
      label = "create w" + id;
      w =
          new CibWrite.Create(
              CibSection.RESOURCES, "<primitive id=\"w" + id + "\" class=\"lsb\" type=\"t\"/>");
    } else if (k < 7) {
      label = "status";
      w =
          new CibWrite.Modify(
              CibSection.STATUS, null, "<node_state id=\"" + n + "\" crmd=\"s" + id + "\"/>", true);
    } else if (k < 8) {
      long victim = 1 + rnd.nextInt((int) id);
      label = "delete w" + victim;
      w = new CibWrite.Delete(null, "//primitive[@id='w" + victim + "']", null);
    } else if (k < 9) {
      label = "bump";
      w = new CibWrite.Bump();
    } else {
      label = "bad";
      w =
          new CibWrite.Create(
              CibSection.RESOURCES, "<primitive id=\"bad" + id + "\" class=\"ocf\" type=\"t\"/>");
    }
    submitted.put(id, label);
    log(n + " submits #" + id + " " + label);
    effects(
        n,
        nodes
            .get(n)
            .replica
            .submit(
                id,
                w,
                WriteContext.of("root", "sim", n, Instant.ofEpochSecond(1_700_000_000L + id))));
  }

  void partition() {
    List<Component> big = components.stream().filter(c -> c.members.size() >= 2).toList();
    if (big.isEmpty()) {
      return;
    }
    Component c = big.get(rnd.nextInt(big.size()));
    List<String> shuffled = new ArrayList<>(c.members);
    java.util.Collections.shuffle(shuffled, rnd);
    int cut = 1 + rnd.nextInt(shuffled.size() - 1);
    Set<String> a = new HashSet<>(shuffled.subList(0, cut));
    log("partition " + c.members + " -> " + a + " | rest");
    Component ca = new Component();
    Component cb = new Component();
    for (String m : c.members) {
      (a.contains(m) ? ca : cb).members.add(m);
    }
    // Virtual synchrony: what was sent in the old view (including what members send while these
    // last messages arrive) reaches all of the sender's side before the new views.
    // Some messages are late: their senders were still reacting to the old view, so the group
    // orders them after the new one. Rounds must recognise them as stale.
    int bound = 10_000;
    List<Envelope> late = new ArrayList<>();
    while (!c.queue.isEmpty() && bound-- > 0) {
      Envelope e = c.queue.poll();
      if (rnd.nextInt(10) < 3) {
        late.add(e);
      } else {
        deliverTo(a.contains(e.sender()) ? ca.members : cb.members, e);
      }
    }
    components.remove(c);
    components.add(ca);
    components.add(cb);
    for (Envelope e : late) {
      (a.contains(e.sender()) ? ca : cb).queue.add(e);
    }
    newView(ca);
    newView(cb);
  }

  void merge() {
    if (components.size() < 2) {
      return;
    }
    Component a = components.get(rnd.nextInt(components.size()));
    Component b;
    do {
      b = components.get(rnd.nextInt(components.size()));
    } while (b == a);
    log("merge " + a.members + " + " + b.members);
    List<Envelope> late = new ArrayList<>();
    for (Component side : List.of(a, b)) {
      int bound = 10_000;
      while (!side.queue.isEmpty() && bound-- > 0) {
        Envelope e = side.queue.poll();
        if (rnd.nextInt(10) < 3) {
          late.add(e);
        } else {
          deliverTo(side.members, e);
        }
      }
    }
    components.remove(b);
    a.members.addAll(b.members);
    a.queue.clear();
    a.queue.addAll(late);
    newView(a);
  }

  void flush(Component c) {
    int bound = 10_000;
    while (!c.queue.isEmpty() && bound-- > 0) {
      deliverOne(c);
    }
  }

  void crash() {
    List<String> upNodes = nodes.values().stream().filter(x -> x.up).map(x -> x.name).toList();
    if (upNodes.size() <= 1) {
      return;
    }
    String n = upNodes.get(rnd.nextInt(upNodes.size()));
    Component c = componentOf(n);
    log("crash " + n);
    boolean deliverItsMessages = rnd.nextBoolean();
    List<String> survivors = new ArrayList<>(c.members);
    survivors.remove(n);
    nodes.get(n).up = false;
    int bound = 10_000;
    while (!c.queue.isEmpty() && bound-- > 0) {
      Envelope e = c.queue.poll();
      if (!e.sender().equals(n) || deliverItsMessages) {
        deliverTo(survivors, e);
      }
    }
    c.members.remove(n);
    if (c.members.isEmpty()) {
      components.remove(c);
    } else {
      newView(c);
    }
  }

  void restart() {
    List<SimNode> down = nodes.values().stream().filter(x -> !x.up).toList();
    if (down.isEmpty()) {
      return;
    }
    SimNode s = down.get(rnd.nextInt(down.size()));
    log("restart " + s.name + " from disk " + s.disk.version());
    s.up = true;
    s.replica = new CibReplica(s.name, "i" + (++incarnations), s.disk, s::apply);
    Component c = new Component();
    c.members.add(s.name);
    components.add(c);
    newView(c);
  }

  void step() {
    int k = rnd.nextInt(100);
    if (k < 35) {
      submitWrite();
    } else if (k < 85) {
      List<Component> busy = components.stream().filter(c -> !c.queue.isEmpty()).toList();
      if (!busy.isEmpty()) {
        deliverOne(busy.get(rnd.nextInt(busy.size())));
      }
    } else if (k < 91) {
      merge();
    } else if (partitions && k < 95) {
      partition();
    } else if (partitions && k < 97) {
      crash();
    } else if (k < 100) {
      restart();
    }
    idleQuietComponents();
    SimulationChecks.checkQuiescentComponents(this);
  }

  /** Members of a component with nothing left to deliver have nothing left to do: idle. */
  void idleQuietComponents() {
    for (Component c : new ArrayList<>(components)) {
      if (c.queue.isEmpty()) {
        for (String m : new ArrayList<>(c.members)) {
          effects(m, nodes.get(m).replica.idle());
        }
      }
    }
  }

  /** Heals everything and lets the group settle; then every copy must be the same. */
  void healAndSettle() {
    nodes.values().forEach(n -> n.faulty = false);
    while (nodes.values().stream().anyMatch(n -> !n.up)) {
      restart();
    }
    while (components.size() > 1) {
      merge();
    }
    Component all = components.get(0);
    int bound = 100_000;
    while (bound-- > 0) {
      while (!all.queue.isEmpty() && bound-- > 0) {
        deliverOne(all);
      }
      idleQuietComponents();
      if (all.queue.isEmpty()) {
        break;
      }
    }
    if (bound <= 0) {
      fail("the group did not settle");
    }
    Set<String> digests = new HashSet<>();
    for (SimNode n : nodes.values()) {
      if (n.replica.syncing()) {
        fail(n.name + " is still synchronising after the group settled");
      }
      digests.add(n.replica.cib().digest());
    }
    if (digests.size() != 1) {
      StringBuilder each = new StringBuilder();
      nodes
          .values()
          .forEach(
              n ->
                  each.append(' ')
                      .append(n.name)
                      .append('=')
                      .append(n.replica.cib().version())
                      .append('/')
                      .append(n.replica.cib().digest(), 0, 8));
      fail("after healing, the nodes hold " + digests.size() + " different CIBs:" + each);
    }
  }
}
