package org.pacer.pengine.scheduler;

import java.util.ArrayList;
import java.util.List;

/**
 * The Transition Summary lines: one per primitive that changes (Start, Stop, Move, Recover,
 * Restart, Migrate, Promote, Demote) and one per fenced node, in crm_simulate's format.
 */
final class Summary {
  private final Cluster c;
  private final ActionGraph g;

  Summary(Cluster c, ActionGraph g) {
    this.c = c;
    this.g = g;
  }

  List<String> lines(List<Action> fencing) {
    List<String[]> rows = new ArrayList<>();
    for (Action f : fencing) {
      rows.add(null);
      String resource = "";
      if (f.node.kind == ClusterNode.Kind.GUEST && f.node.connection != null) {
        Rsc holder = f.node.connection.container;
        resource = " (resource: " + (holder != null ? holder.id : f.node.connection.id) + ")";
      }
      fenceLines.add(
          String.format("Fence (%s) %s%s '%s'", f.fenceAction, f.node.uname, resource, f.reason));
    }
    for (Primitive p : c.allPrimitives) {
      String[] row = row(p);
      if (row != null) {
        rows.add(row);
      }
      rows.addAll(extra);
      extra.clear();
    }
    int w = 0;
    for (String[] r : rows) {
      if (r != null) {
        w = Math.max(w, r[1].length());
      }
    }
    List<String> out = new ArrayList<>(fenceLines.stream().map(s -> "  * " + s).toList());
    for (String[] r : rows) {
      if (r == null) {
        continue;
      }
      out.add(
          String.format("  * %-10s %-" + Math.max(1, w) + "s ( %s )%s", r[0], r[1], r[2], r[3]));
    }
    return out;
  }

  private final List<String> fenceLines = new ArrayList<>();

  /** Rows beyond one per primitive (a resource stopped on several nodes). */
  private final List<String[]> extra = new ArrayList<>();

  private String[] row(Primitive p) {
    ClusterNode cur = p.current();
    if (!p.managed) {
      if (p.blocked && cur != null && cur.unclean) {
        // It ought to stop (its node is going away) but a failed stop blocks it.
        return row("Stop", p, cur.uname, tail(c.quorumBlock(p), true));
      }
      return null;
    }
    ClusterNode next = p.allocated;
    Action start = next == null ? null : g.get(p, "start", next);
    boolean promotable = p.isPromotable();
    Role curRole = p.currentRole();
    Role nextRole = p.nextRole == null ? Role.STOPPED : p.nextRole;
    if (cur == null && next == null) {
      return null;
    }
    if (cur == null) {
      if (start == null) {
        return null;
      }
      if (!start.runnable) {
        if (p.inhibited) {
          return null;
        }
        if (nextRole == Role.PROMOTED) {
          // crm_simulate words it by the promote, with the promote's own reason if any.
          Action promote = g.get(p, "promote", next);
          String why = promote == null ? null : promote.blockedBy;
          return row("Promote", p, "Stopped -> Promoted " + next.uname, tail(why, true));
        }
        return row("Start", p, next.uname, tail(start.blockedBy, true));
      }
      if (nextRole == Role.PROMOTED) {
        return row("Promote", p, "Stopped -> Promoted " + next.uname, "");
      }
      return row("Start", p, next.uname, "");
    }
    Action stop = g.get(p, "stop", cur);
    String curText = promotable ? curRole.text() + " " + cur.uname : cur.uname;
    boolean blocked = stop != null && !stop.runnable;
    if (next == null && p.active.size() > 1) {
      for (ClusterNode n : p.active.keySet()) {
        Role r = curRole; // one role for the resource, as crm_simulate shows it
        String where = promotable || r == Role.PROMOTED ? r.text() + " " + n.uname : n.uname;
        extra.add(row("Stop", p, where, tail("node availability", blocked)));
      }
      return extra.remove(extra.size() - 1);
    }
    if (next == null) {
      String reason = "node availability";
      if (cur.unclean && !c.canFence(cur) && p.instance < 0) {
        reason = c.quorumBlock(p);
      }
      return row("Stop", p, curText, tail(reason, blocked));
    }
    if (start != null && !start.runnable) {
      if (cur != next || (stop != null && stop.required())) {
        return row("Stop", p, curText, tail(stopReason(start), blocked));
      }
      return null;
    }
    boolean failed = p.failed;
    if (cur != next) {
      String verb = failed ? "Recover" : p.migrating ? "Migrate" : "Move";
      String why = p.migrationBlockedBy == null ? "" : " due to " + p.migrationBlockedBy;
      String from = cur.uname;
      String to = next.uname;
      if (promotable || curRole != nextRole) {
        // Roles are shown when they matter, or change (a primitive found promoted, rc 8).
        from = curRole.text() + " " + from;
        to = nextRole.text() + " " + to;
      }
      return row(verb, p, from + " -> " + to, why);
    }
    boolean restart = start != null && start.required() && stop != null && stop.required();
    if (restart) {
      if (failed) {
        if (promotable && nextRole != curRole) {
          return row(
              "Recover", p, curRole.text() + " -> " + nextRole.text() + " " + next.uname, "");
        }
        return row("Recover", p, curText, "");
      }
      String reason = start.reason != null ? " due to " + start.reason : "";
      if (promotable && nextRole != curRole) {
        return row(
            "Restart", p, curRole.text() + " -> " + nextRole.text() + " " + next.uname, reason);
      }
      return row("Restart", p, curText, reason);
    }
    if (p.reload) {
      return row("Reload", p, curText, "");
    }
    if (promotable && curRole != nextRole) {
      if (nextRole == Role.PROMOTED) {
        return row("Promote", p, curRole.text() + " -> Promoted " + next.uname, "");
      }
      if (curRole == Role.PROMOTED) {
        return row("Demote", p, "Promoted -> " + nextRole.text() + " " + next.uname, "");
      }
    }
    return null;
  }

  /**
   * Why a resource that stays allocated stops: its start cannot run. crm_simulate names the action
   * that blocked it "required" when that action had itself been made required (a running resource
   * that has to stop, whose start is then both required and unrunnable) and "unrunnable" otherwise
   * (something that was never going to start).
   */
  private String stopReason(Action start) {
    String why = start.blockedBy;
    Action by = start.blockedByAction;
    if (by != null
        && (by.required() || restarting(by))
        && why != null
        && why.startsWith("unrunnable ")) {
      return "required " + why.substring("unrunnable ".length());
    }
    return why;
  }

  /**
   * The start of a running resource that has to stop: Pacemaker's restart logic makes it required
   * (though it cannot run), except for a live-migratable resource.
   */
  private boolean restarting(Action start) {
    if (!"start".equals(start.task) || !(start.rsc instanceof Primitive p) || p.allowMigrate) {
      return false;
    }
    for (ClusterNode n : p.active.keySet()) {
      Action stop = g.get(p, "stop", n);
      if (stop != null && stop.required()) {
        return true;
      }
    }
    return false;
  }

  /** " due to REASON (blocked)", " blocked" or "", as crm_simulate words it. */
  private static String tail(String reason, boolean blocked) {
    if (reason != null) {
      return " due to " + reason + (blocked ? " (blocked)" : "");
    }
    return blocked ? " blocked" : "";
  }

  private static String[] row(String verb, Primitive p, String where, String reason) {
    return new String[] {verb, p.id, where, reason};
  }
}
