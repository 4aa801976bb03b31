package org.pacer.pengine.scheduler;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints the cluster status in crm_simulate's layout: the node list, then every resource with where
 * it runs. "Revised" prints where resources end up when every action succeeds.
 */
final class StatusPrinter {
  private final Cluster c;
  private final boolean revised;
  private final StringBuilder out = new StringBuilder();

  StatusPrinter(Cluster c, boolean revised) {
    this.c = c;
    this.revised = revised;
  }

  String print() {
    out.append("  * Node List:\n");
    List<String> online = new ArrayList<>();
    List<String> offline = new ArrayList<>();
    List<String> remoteOnline = new ArrayList<>();
    List<String> remoteOffline = new ArrayList<>();
    List<String> guestOnline = new ArrayList<>();
    boolean health = NodeHealth.tracked(c);
    for (ClusterNode n : sortedNodes()) {
      boolean unclean = n.unclean && !revised;
      boolean up = n.online && !(revised && n.unclean);
      String special = null;
      if (unclean) {
        special = up ? "UNCLEAN (online)" : "UNCLEAN (offline)";
      } else if (n.pending && !revised) {
        special = "pending";
      } else if (up && n.standby) {
        special = activeHere(n) ? "standby (with active resources)" : "standby";
      } else if (!up && n.standby && n.kind == ClusterNode.Kind.MEMBER) {
        special = "OFFLINE (standby)";
      } else if (up && n.maintenance) {
        special = "maintenance";
      } else if (!up && n.maintenance && n.kind == ClusterNode.Kind.MEMBER) {
        special = "OFFLINE (maintenance)";
      } else if (up && health && NodeHealth.colour(n) != NodeHealth.Colour.GREEN) {
        special = "online (health is " + NodeHealth.colour(n) + ")";
      }
      if (special != null) {
        String kind =
            switch (n.kind) {
              case MEMBER -> "Node";
              case REMOTE -> "RemoteNode";
              case GUEST -> "GuestNode";
            };
        out.append("    * ").append(kind).append(' ').append(n.uname).append(": ");
        out.append(special).append('\n');
        continue;
      }
      switch (n.kind) {
        case MEMBER -> (up ? online : offline).add(n.uname);
        case REMOTE -> (up ? remoteOnline : remoteOffline).add(n.uname);
        case GUEST -> {
          if (up && n.connection != null && (revised || n.connection.current() != null)) {
            guestOnline.add(n.uname);
          }
          // A stopped guest is not listed at all (crm_simulate shows only those up).
        }
      }
    }
    list("Online", online);
    list("OFFLINE", offline);
    list("RemoteOnline", remoteOnline);
    list("RemoteOFFLINE", remoteOffline);
    list("GuestOnline", guestOnline);
    out.append("\n  * Full List of Resources:\n");
    if (c.resources.isEmpty()) {
      out.append("    * No resources\n");
    }
    for (Rsc r : byPriority(c.resources)) {
      if (!implicitConnection(c, r) && !BundleStatus.folded(r)) {
        resource(r, "    ");
      }
    }
    return out.toString();
  }

  /**
   * The connection the scheduler makes for a guest node (named after it, not configured): the text
   * shows the guest and its container, not this (crm_mon's XML lists it).
   */
  static boolean implicitConnection(Cluster c, Rsc r) {
    if (!(r instanceof Primitive p) || !p.isRemoteConnection) {
      return false;
    }
    ClusterNode n = c.node(p.id);
    return n != null
        && n.kind == ClusterNode.Kind.GUEST
        && c.cib.resources().stream().noneMatch(d -> d.id().equals(p.id));
  }

  /** Top-level resources as status tools list them: higher priority first, then as configured. */
  static List<Rsc> byPriority(List<Rsc> resources) {
    List<Rsc> l = new ArrayList<>(resources);
    l.sort((a, b) -> Integer.compare(b.priority, a.priority));
    return l;
  }

  private List<ClusterNode> sortedNodes() {
    List<ClusterNode> l = new ArrayList<>(c.nodes);
    l.sort((a, b) -> NodeNames.compare(a.uname, b.uname));
    return l;
  }

  private boolean activeHere(ClusterNode n) {
    for (Primitive p : c.allPrimitives) {
      if (revised ? p.allocated == n : p.active.containsKey(n)) {
        return true;
      }
    }
    return false;
  }

  private void list(String label, List<String> names) {
    if (!names.isEmpty()) {
      out.append("    * ")
          .append(label)
          .append(": [ ")
          .append(String.join(" ", names))
          .append(" ]\n");
    }
  }

  private void resource(Rsc r, String indent) {
    resource(r, indent, false);
  }

  /** One resource; {@code anonymous}: an instance of an anonymous clone, printed by its name. */
  private void resource(Rsc r, String indent, boolean anonymous) {
    if (r instanceof Primitive p) {
      if (p.orphan && (revised ? p.allocated == null : !p.isActive())) {
        return;
      }
      out.append(indent).append("* ").append(primitiveLine(p, anonymous)).append('\n');
    } else if (r instanceof GroupRsc g) {
      List<String> flags = new ArrayList<>();
      if (!g.managed) {
        flags.add("unmanaged");
      }
      if (disabled(g)) {
        flags.add("disabled");
      }
      out.append(indent).append("* Resource Group: ").append(g.id).append(flags(flags));
      out.append(":\n");
      for (Primitive m : g.members) {
        resource(m, indent + "  ", anonymous);
      }
    } else if (r instanceof CloneRsc cl && cl.bundle != null) {
      new BundleStatus(c, revised).print(cl, indent, out);
    } else if (r instanceof CloneRsc cl) {
      clone(cl, indent);
    }
  }

  /** Whether the configuration asks the resource to be stopped (target-role, inherited). */
  static boolean disabled(Rsc r) {
    return r.meta != null && Role.parse(r.meta.get("target-role")) == Role.STOPPED;
  }

  private static String flags(List<String> flags) {
    return flags.isEmpty() ? "" : " (" + String.join(", ", flags) + ")";
  }

  /**
   * A clone: instances that are active, healthy and on one node are summed up by role ("Started: [
   * n1 n2 ]"); failed, unmanaged, orphaned, pending, partly active instances and those on an
   * unclean node get lines of their own; nodes where none runs are listed as stopped while fewer
   * instances are active than the clone allows.
   */
  private void clone(CloneRsc cl, String indent) {
    List<String> flags = new ArrayList<>();
    if (cl.promotable) {
      flags.add("promotable");
    }
    if (cl.globallyUnique) {
      flags.add("unique");
    }
    if (!cl.managed) {
      flags.add("unmanaged");
    }
    boolean disabled = disabled(cl);
    if (disabled) {
      flags.add("disabled");
    }
    out.append(indent).append("* Clone Set: ").append(cl.id).append(" [").append(cl.childId());
    out.append("]").append(flags(flags)).append(":\n");
    String in = indent + "  ";
    Map<String, List<ClusterNode>> byRole = new LinkedHashMap<>();
    Set<ClusterNode> used = new HashSet<>();
    for (Rsc inst : cl.instances) {
      Map<ClusterNode, Role> where = placement(inst);
      used.addAll(where.keySet());
      String label = where.isEmpty() ? null : label(inst, where);
      if (label != null && !cl.globallyUnique) {
        byRole.computeIfAbsent(label, k -> new ArrayList<>()).add(where.keySet().iterator().next());
      } else if (cl.globallyUnique || !where.isEmpty() || pending(inst)) {
        resource(inst, in, !cl.globallyUnique);
      }
    }
    for (String role : List.of("Promoted", "Unpromoted", "Started")) {
      List<ClusterNode> l = byRole.get(role);
      if (l != null) {
        out.append(in).append("* ").append(role).append(": ").append(nodeList(l)).append('\n');
      }
    }
    int summed = byRole.values().stream().mapToInt(List::size).sum();
    if (cl.globallyUnique || summed >= cl.cloneMax) {
      return; // (instances with lines of their own do not count as running here)
    }
    List<ClusterNode> stopped = new ArrayList<>();
    for (ClusterNode n : sortedNodes()) {
      if (!used.contains(n) && cl.weights[n.index] != Locations.ABSENT) {
        stopped.add(n);
      }
    }
    if (!stopped.isEmpty()) {
      out.append(in).append(disabled ? "* Stopped (disabled): " : "* Stopped: ");
      out.append(nodeList(stopped)).append('\n');
    }
  }

  private String nodeList(List<ClusterNode> nodes) {
    List<ClusterNode> l = new ArrayList<>(nodes);
    l.sort((a, b) -> NodeNames.compare(a.uname, b.uname));
    StringBuilder b = new StringBuilder("[ ");
    for (ClusterNode n : l) {
      b.append(n.uname).append(' ');
    }
    return b.append(']').toString();
  }

  /** Nodes an instance is on (now or after the run), with its role. */
  private Map<ClusterNode, Role> placement(Rsc inst) {
    Map<ClusterNode, Role> m = new LinkedHashMap<>();
    if (revised) {
      if (inst.allocated != null) {
        m.put(inst.allocated, inst.nextRole == null ? Role.STARTED : inst.nextRole);
      }
      return m;
    }
    for (Primitive p : inst.primitives()) {
      for (var e : p.active.entrySet()) {
        m.merge(e.getKey(), e.getValue(), (a, b) -> a.ordinal() >= b.ordinal() ? a : b);
      }
    }
    return m;
  }

  /** Whether an action other than a probe is in flight for the instance. */
  private boolean pending(Rsc inst) {
    if (revised) {
      return false;
    }
    for (Primitive p : inst.primitives()) {
      for (Primitive.History h : p.history.values()) {
        if (h.pendingTask != null && p.active.containsKey(h.node)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The summary label of a healthy instance on one node, or null when it needs its own lines. */
  private String label(Rsc inst, Map<ClusterNode, Role> where) {
    if (where.size() != 1 || pending(inst)) {
      return null;
    }
    ClusterNode n = where.keySet().iterator().next();
    if (!revised && n.unclean && !n.online) {
      return null;
    }
    for (Primitive p : inst.primitives()) {
      boolean fullyActive = revised ? p.allocated != null : p.isActive();
      if (!fullyActive || (!revised && p.failed) || !p.managed || p.orphan) {
        return null;
      }
    }
    return switch (where.get(n)) {
      case PROMOTED -> "Promoted";
      case UNPROMOTED -> "Unpromoted";
      default -> inst.isPromotable() ? "Unpromoted" : "Started";
    };
  }

  private String primitiveLine(Primitive p, boolean anonymous) {
    StringBuilder s = new StringBuilder();
    s.append(anonymous ? p.baseId() : p.id).append("\t(").append(p.agent()).append("):\t ");
    if (p.orphan) {
      s.append("ORPHANED ");
    }
    List<ClusterNode> nodes;
    Role role;
    boolean failed = !revised && p.failed;
    if (revised) {
      nodes = p.allocated == null ? List.of() : List.of(p.allocated);
      role = p.nextRole == null ? Role.STOPPED : p.nextRole;
    } else {
      nodes = p.runningOn();
      role = p.currentRole();
    }
    List<String> flags = new ArrayList<>();
    String pending = revised ? null : pendingTask(p);
    if (nodes.size() == 1 && !revised && nodes.get(0).unclean) {
      flags.add("UNCLEAN");
    }
    if ("monitor".equals(pending)) {
      flags.add("Monitoring");
    }
    if (disabled(p)) {
      flags.add("disabled");
    }
    if (!revised && nodes.isEmpty() && p.lockedTo != null) {
      flags.add("LOCKED");
    }
    if (!p.managed) {
      flags.add(p.blocked ? "blocked" : "unmanaged");
    }
    if (!revised && p.failureIgnored) {
      flags.add("failure ignored");
    }
    if (nodes.isEmpty()) {
      s.append("Stopped");
      if (!revised && p.lockedTo != null) {
        s.append(' ').append(p.lockedTo.uname);
      }
      return s.append(flags(flags)).toString();
    }
    String state = failed ? "FAILED" : roleText(p, role);
    if (failed && role == Role.PROMOTED) {
      state = "FAILED " + role.text();
    } else if (!failed && pending != null && PENDING.containsKey(pending)) {
      state = PENDING.get(pending);
    }
    s.append(state);
    if (nodes.size() == 1) {
      s.append(' ').append(nodes.get(0).uname).append(flags(flags));
    } else {
      s.append(flags(flags)).append(' ').append(nodeList(nodes));
    }
    return s.toString();
  }

  /** How a resource with an action in flight is shown instead of its role. */
  private static final Map<String, String> PENDING =
      Map.of(
          "start", "Starting",
          "stop", "Stopping",
          "migrate_to", "Migrating",
          "migrate_from", "Migrating",
          "promote", "Promoting",
          "demote", "Demoting");

  /** The action in flight as status tools name it ("Starting", "Monitoring"), or null. */
  static String pendingText(Primitive p) {
    String task = pendingTask(p);
    return "monitor".equals(task) ? "Monitoring" : task == null ? null : PENDING.get(task);
  }

  private static String pendingTask(Primitive p) {
    for (Primitive.History h : p.history.values()) {
      if (h.pendingTask != null && p.active.containsKey(h.node)) {
        return h.pendingTask;
      }
    }
    return null;
  }

  private static String roleText(Primitive p, Role r) {
    if (r == Role.UNPROMOTED && p.isPromotable()) {
      return "Unpromoted";
    }
    if (r == Role.PROMOTED) {
      return "Promoted";
    }
    return "Started";
  }
}
