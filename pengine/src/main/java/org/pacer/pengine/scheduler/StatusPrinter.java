package org.pacer.pengine.scheduler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
      } else if (up && n.maintenance) {
        special = "maintenance";
      } else if (!up && n.maintenance && n.kind == ClusterNode.Kind.MEMBER) {
        special = "OFFLINE (maintenance)";
      } else if (up && health && NodeHealth.colour(n) != NodeHealth.Colour.GREEN) {
        special = "online (health is " + NodeHealth.colour(n) + ")";
      }
      if (special != null) {
        out.append("    * Node ").append(n.uname).append(": ").append(special).append('\n');
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
    for (Rsc r : c.resources) {
      if (!BundleStatus.folded(r)) {
        resource(r, "    ");
      }
    }
    return out.toString();
  }

  private List<ClusterNode> sortedNodes() {
    List<ClusterNode> l = new ArrayList<>(c.nodes);
    l.sort((a, b) -> a.uname.compareTo(b.uname));
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
    if (r instanceof Primitive p) {
      if (p.orphan && (revised ? p.allocated == null : !p.isActive())) {
        return;
      }
      out.append(indent).append("* ").append(primitiveLine(p)).append('\n');
    } else if (r instanceof GroupRsc g) {
      out.append(indent)
          .append("* Resource Group: ")
          .append(g.id)
          .append(disabled(g) ? " (disabled)" : "")
          .append(":\n");
      for (Primitive m : g.members) {
        resource(m, indent + "  ");
      }
    } else if (r instanceof CloneRsc cl && cl.bundle != null) {
      new BundleStatus(c, revised).print(cl, indent, out);
    } else if (r instanceof CloneRsc cl) {
      clone(cl, indent);
    }
  }

  private void clone(CloneRsc cl, String indent) {
    String flags = "";
    if (cl.promotable) {
      flags += " (promotable)";
    }
    if (cl.globallyUnique) {
      flags += " (unique)";
    }
    if (!cl.managed) {
      flags += " (unmanaged)";
    }
    if (disabled(cl)) {
      flags += " (disabled)";
    }
    out.append(indent)
        .append("* Clone Set: ")
        .append(cl.id)
        .append(" [")
        .append(cl.childId())
        .append("]")
        .append(flags)
        .append(":\n");
    String in = indent + "  ";
    if (cl.globallyUnique) {
      for (Rsc inst : cl.instances) {
        resource(inst, in);
      }
      return;
    }
    Map<String, List<String>> byRole = new LinkedHashMap<>();
    List<String> used = new ArrayList<>();
    for (Rsc inst : cl.instances) {
      for (var e : placement(inst).entrySet()) {
        String label = label(inst, e.getValue());
        if (label == null) {
          out.append(in).append("* ").append(primitiveLine(inst.primitives().get(0))).append('\n');
          continue;
        }
        byRole.computeIfAbsent(label, k -> new ArrayList<>()).add(e.getKey().uname);
        used.add(e.getKey().uname);
      }
    }
    for (String role : List.of("Promoted", "Unpromoted", "Started")) {
      List<String> l = byRole.get(role);
      if (l != null) {
        l.sort(String::compareTo);
        out.append(in)
            .append("* ")
            .append(role)
            .append(": [ ")
            .append(String.join(" ", l))
            .append(" ]\n");
      }
    }
    List<String> stopped = new ArrayList<>();
    for (ClusterNode n : sortedNodes()) {
      if (!used.contains(n.uname)
          && n.kind == ClusterNode.Kind.MEMBER
          && cl.weights[n.index] != Locations.ABSENT) {
        stopped.add(n.uname);
      }
    }
    if (!stopped.isEmpty()) {
      out.append(in)
          .append(disabled(cl) ? "* Stopped (disabled): [ " : "* Stopped: [ ")
          .append(String.join(" ", stopped))
          .append(" ]\n");
    }
  }

  /** Configured with target-role=Stopped (not merely stopped by stop-all-resources). */
  private static boolean disabled(Rsc r) {
    return Role.parse(r.meta.get("target-role")) == Role.STOPPED;
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

  /** The group label of a healthy instance, or null when it needs a line of its own. */
  private String label(Rsc inst, Role role) {
    for (Primitive p : inst.primitives()) {
      if ((!revised && p.failed) || !p.managed) {
        return null;
      }
    }
    return switch (role) {
      case PROMOTED -> "Promoted";
      case UNPROMOTED -> "Unpromoted";
      default -> inst.isPromotable() ? "Unpromoted" : "Started";
    };
  }

  private String primitiveLine(Primitive p) {
    StringBuilder s = new StringBuilder();
    s.append(p.id).append("\t(").append(p.agent()).append("):\t ");
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
    if (nodes.isEmpty()) {
      s.append("Stopped");
      if (!revised && p.lockedTo != null) {
        s.append(' ').append(p.lockedTo.uname).append(" (LOCKED)");
      }
      if (Role.parse(p.meta.get("target-role")) == Role.STOPPED) {
        // Configured so (stop-all-resources stops it too, but is not shown).
        s.append(" (disabled)");
      }
    } else {
      String r = failed ? "FAILED" : roleText(p, role);
      if (failed && p.isPromotable()) {
        r = "FAILED " + role.text();
      }
      if (nodes.size() == 1) {
        s.append(r).append(' ').append(nodes.get(0).uname);
      } else {
        s.append(r).append(" [ ");
        for (ClusterNode n : nodes) {
          s.append(n.uname).append(' ');
        }
        s.append(']');
      }
    }
    if (!p.managed) {
      s.append(" (unmanaged)");
    }
    if (p.orphan) {
      s.append(" (ORPHANED)");
    }
    return s.toString();
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
