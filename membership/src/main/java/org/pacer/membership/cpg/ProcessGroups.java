package org.pacer.membership.cpg;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.pacer.membership.cpg.CpgEvent.Change;
import org.pacer.membership.cpg.CpgEvent.Reason;
import org.pacer.membership.totem.TotemEffect.ConfigChange;

/**
 * Closed process groups over the ring, as a pure state machine. Joins, leaves and messages travel
 * through the ring, so every node applies them at the same point of one stream: a message is
 * delivered to the members the group has at that point, on every node.
 *
 * <p>Configuration changes: at the transitional configuration every node drops the members of nodes
 * that left, at the same point. After the regular configuration each node sends a {@link
 * CpgMessage.Sync} naming its own members (as its requests will leave them); until every node of
 * the configuration has been heard, group traffic is held back, then the membership is rebuilt from
 * the syncs (nodes that merged learn each other's members), the differences are announced, and the
 * held traffic is replayed. Every node thus announces the same membership at the same point of the
 * stream.
 */
public final class ProcessGroups {

  private record Held(int origin, CpgMessage message, boolean beforeSync) {}

  private final int self;

  /** node → group → members on that node, as the stream has made them so far. */
  private final Map<Integer, Map<String, TreeSet<Long>>> view = new TreeMap<>();

  /** Our own members as our submitted requests will leave them. */
  private final Map<String, TreeSet<Long>> intent = new TreeMap<>();

  private List<Integer> config = List.of();
  private final Map<Integer, Map<String, Set<Long>>> syncs = new TreeMap<>();
  private boolean syncing;
  private final List<Held> held = new ArrayList<>();
  private List<CpgOutput> out = new ArrayList<>();

  public ProcessGroups(int self) {
    this.self = self;
  }

  // ---- requests from local clients -----------------------------------------------------------

  public List<CpgOutput> join(String group, long pid) {
    checkGroup(group);
    if (intent.computeIfAbsent(group, g -> new TreeSet<>()).add(pid)) {
      submit(new CpgMessage.Join(group, pid));
    }
    return drain();
  }

  public List<CpgOutput> leave(String group, long pid) {
    TreeSet<Long> mine = intent.get(group);
    if (mine == null || !mine.remove(pid)) {
      throw new IllegalStateException("not a member of group '" + group + "'");
    }
    submit(new CpgMessage.Leave(group, pid, Reason.LEAVE));
    return drain();
  }

  public List<CpgOutput> send(String group, long pid, byte[] payload) {
    TreeSet<Long> mine = intent.get(group);
    if (mine == null || !mine.contains(pid)) {
      throw new IllegalStateException("join group '" + group + "' before sending to it");
    }
    submit(new CpgMessage.Mcast(group, pid, payload));
    return drain();
  }

  /** A local client went away: it leaves every group it was in (a process-down change). */
  public List<CpgOutput> clientGone(long pid) {
    for (var e : intent.entrySet()) {
      if (e.getValue().remove(pid)) {
        submit(new CpgMessage.Leave(e.getKey(), pid, Reason.PROCDOWN));
      }
    }
    return drain();
  }

  /** The members of a group as this node currently knows them. */
  public List<ProcessId> members(String group) {
    List<ProcessId> m = new ArrayList<>();
    for (var e : view.entrySet()) {
      Set<Long> pids = e.getValue().get(group);
      if (pids != null) {
        for (long pid : pids) {
          m.add(new ProcessId(e.getKey(), pid));
        }
      }
    }
    return m;
  }

  /** True while group traffic is held back for a sync. */
  public boolean syncing() {
    return syncing;
  }

  /** Every group with members, for status. */
  public Set<String> groups() {
    Set<String> g = new TreeSet<>();
    for (var n : view.values()) {
      for (var e : n.entrySet()) {
        if (!e.getValue().isEmpty()) {
          g.add(e.getKey());
        }
      }
    }
    return g;
  }

  private static void checkGroup(String group) {
    if (group == null || group.isEmpty() || group.length() > 128) {
      throw new IllegalArgumentException("a group name has 1 to 128 characters");
    }
  }

  // ---- the ring ------------------------------------------------------------------------------

  public List<CpgOutput> onDeliver(int origin, byte[] bytes) {
    CpgMessage m;
    try {
      m = CpgMessage.decode(bytes);
    } catch (IOException e) {
      return drain(); // came through an authenticated ring, so only a bug could cause this
    }
    if (m instanceof CpgMessage.Sync s) {
      if (syncing && config.contains(origin) && !syncs.containsKey(origin)) {
        syncs.put(origin, s.local());
        if (syncs.keySet().containsAll(config)) {
          finishSync(config);
        }
      }
    } else if (syncing) {
      held.add(new Held(origin, m, !syncs.containsKey(origin)));
    } else {
      apply(origin, m);
    }
    return drain();
  }

  public List<CpgOutput> onConfigChange(ConfigChange c) {
    if (c.transitional()) {
      if (syncing) {
        // The ring changed before every sync of the last configuration arrived. The members of
        // the transitional configuration saw the same syncs; they settle on those and forget
        // what they knew of members whose node never synced (its next sync says it again).
        finishSync(c.members());
      }
      Map<String, List<Change>> left = new TreeMap<>();
      for (var it = view.entrySet().iterator(); it.hasNext(); ) {
        var e = it.next();
        if (!c.members().contains(e.getKey())) {
          for (var g : e.getValue().entrySet()) {
            for (long pid : g.getValue()) {
              left.computeIfAbsent(g.getKey(), k -> new ArrayList<>())
                  .add(new Change(new ProcessId(e.getKey(), pid), Reason.NODEDOWN));
            }
          }
          it.remove();
        }
      }
      left.forEach((g, l) -> announce(g, List.of(), l));
      config = c.members();
    } else {
      held.clear();
      syncs.clear();
      config = c.members();
      syncing = true;
      Map<String, Set<Long>> mine = new TreeMap<>();
      intent.forEach((g, pids) -> mine.put(g, new TreeSet<>(pids)));
      submit(new CpgMessage.Sync(mine));
    }
    return drain();
  }

  /** Rebuilds the membership from the syncs of {@code nodes}, announces it, replays what waited. */
  private void finishSync(List<Integer> nodes) {
    syncing = false;
    Set<String> groups = new TreeSet<>();
    for (var n : view.values()) {
      groups.addAll(n.keySet());
    }
    for (var s : syncs.values()) {
      groups.addAll(s.keySet());
    }
    Map<String, List<ProcessId>> before = new TreeMap<>();
    for (String g : groups) {
      before.put(g, members(g));
    }
    view.clear();
    for (int node : nodes) {
      Map<String, TreeSet<Long>> groupsOfNode = new TreeMap<>();
      syncs
          .getOrDefault(node, Map.of())
          .forEach((g, pids) -> groupsOfNode.put(g, new TreeSet<>(pids)));
      view.put(node, groupsOfNode);
    }
    for (String g : groups) {
      List<ProcessId> after = members(g);
      List<Change> joined = new ArrayList<>();
      List<Change> left = new ArrayList<>();
      Set<ProcessId> was = new HashSet<>(before.get(g));
      Set<ProcessId> is = new HashSet<>(after);
      for (ProcessId p : after) {
        if (!was.contains(p)) {
          joined.add(new Change(p, Reason.NODEUP));
        }
      }
      for (ProcessId p : before.get(g)) {
        if (!is.contains(p)) {
          left.add(new Change(p, Reason.NODEDOWN));
        }
      }
      if (!joined.isEmpty() || !left.isEmpty()) {
        announce(g, joined, left);
      }
    }
    for (Held h : held) {
      boolean accounted =
          h.beforeSync()
              && syncs.containsKey(h.origin())
              && (h.message() instanceof CpgMessage.Join
                  || h.message() instanceof CpgMessage.Leave);
      if (!accounted && nodes.contains(h.origin())) {
        apply(h.origin(), h.message());
      } else if (!accounted && h.message() instanceof CpgMessage.Mcast) {
        apply(h.origin(), h.message());
      }
    }
    held.clear();
  }

  private void apply(int origin, CpgMessage m) {
    if (m instanceof CpgMessage.Join j) {
      if (!config.contains(origin)) {
        return; // its node has left; its members are gone with it
      }
      if (nodeGroup(origin, j.group()).add(j.pid())) {
        announce(
            j.group(), List.of(new Change(new ProcessId(origin, j.pid()), Reason.JOIN)), List.of());
      }
    } else if (m instanceof CpgMessage.Leave l) {
      Map<String, TreeSet<Long>> groups = view.get(origin);
      if (groups != null && groups.containsKey(l.group())) {
        if (groups.get(l.group()).remove(l.pid())) {
          announce(
              l.group(),
              List.of(),
              List.of(new Change(new ProcessId(origin, l.pid()), l.reason())));
        }
      }
    } else if (m instanceof CpgMessage.Mcast c) {
      Set<Long> local = view.getOrDefault(self, Map.of()).get(c.group());
      if (local != null) {
        ProcessId sender = new ProcessId(origin, c.pid());
        for (long pid : local) {
          out.add(
              new CpgOutput.ToClient(
                  new ProcessId(self, pid), new CpgEvent.Deliver(c.group(), sender, c.payload())));
        }
      }
    }
  }

  private TreeSet<Long> nodeGroup(int node, String group) {
    return view.computeIfAbsent(node, n -> new TreeMap<>())
        .computeIfAbsent(group, g -> new TreeSet<>());
  }

  /**
   * Tells the local members of the group (and local members that just left it, so they learn they
   * are out) about a change.
   */
  private void announce(String group, List<Change> joined, List<Change> left) {
    List<ProcessId> members = members(group);
    CpgEvent.ConfChg event = new CpgEvent.ConfChg(group, members, joined, left);
    Set<ProcessId> told = new TreeSet<>();
    for (ProcessId p : members) {
      if (p.node() == self) {
        told.add(p);
      }
    }
    for (Change c : left) {
      if (c.member().node() == self) {
        told.add(c.member());
      }
    }
    for (ProcessId p : told) {
      out.add(new CpgOutput.ToClient(p, event));
    }
  }

  private void submit(CpgMessage m) {
    out.add(new CpgOutput.Submit(CpgMessage.encode(m)));
  }

  private List<CpgOutput> drain() {
    List<CpgOutput> r = out;
    out = new ArrayList<>();
    return r;
  }
}
