package org.pacer.pengine.scheduler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.pacer.pengine.model.ClusterOption;
import org.pacer.pengine.model.Constraint;
import org.pacer.pengine.model.ResourceSet;
import org.pacer.pengine.model.Score;

/**
 * rsc_ticket: resources that may run (or be promoted) only while their ticket is granted and not in
 * standby. When it is not, loss-policy says what happens: stop (the default), demote, fence the
 * nodes running them, or freeze them where they are.
 */
final class Tickets {
  private Tickets() {}

  static void apply(Cluster c) {
    for (Constraint k : c.cib.constraints()) {
      if (!(k instanceof Constraint.Ticket t)) {
        continue;
      }
      Map<String, String> state = c.cib.tickets().get(t.ticket());
      boolean granted = state != null && ClusterOption.isTrue(state.get("granted"));
      boolean standby = state != null && ClusterOption.isTrue(state.get("standby"));
      if (granted && !standby) {
        continue;
      }
      // A ticket in standby, or never granted, is not "lost": the loss policy does not apply,
      // resources only may not run (or, for a Promoted dependency, be promoted).
      boolean lost = !granted && state != null && state.containsKey("granted");
      String configured = t.lossPolicy() == null ? "stop" : t.lossPolicy();
      List<String[]> targets = new ArrayList<>();
      if (t.sets().isEmpty()) {
        targets.add(new String[] {t.rsc(), t.role()});
      } else {
        for (ResourceSet s : t.sets()) {
          for (String r : s.resources()) {
            targets.add(new String[] {r, s.role() != null ? s.role() : t.role()});
          }
        }
      }
      for (String[] target : targets) {
        Rsc r = c.rsc(target[0]);
        if (r == null) {
          continue;
        }
        Role role = Role.parse(target[1]);
        String policy = configured;
        if (granted && (policy.equals("fence") || policy.equals("freeze"))) {
          // Standby hands the ticket over in good order: no fencing, no freezing.
          policy = role == Role.PROMOTED ? "demote" : "stop";
        } else if (!lost && policy.equals("fence")) {
          policy = role == Role.PROMOTED ? "demote" : "stop";
        }
        lose(c, r, role, policy);
      }
    }
  }

  private static void lose(Cluster c, Rsc r, Role role, String policy) {
    boolean promotedOnly = role == Role.PROMOTED;
    switch (policy) {
      case "demote" -> {
        if (promotedOnly) {
          forbidPromotion(c, r);
        } else {
          ban(c, r);
        }
      }
      case "fence" -> {
        for (Primitive p : r.primitives()) {
          for (var e : p.active.entrySet()) {
            if ((!promotedOnly || e.getValue() == Role.PROMOTED) && !e.getKey().unclean) {
              e.getKey().unclean = true;
              e.getKey().uncleanReason = "deadman ticket was lost";
            }
          }
        }
        if (promotedOnly) {
          forbidPromotion(c, r);
        } else {
          ban(c, r);
        }
      }
      case "freeze" -> {
        if (promotedOnly) {
          Rsc clone = r instanceof CloneRsc ? r : r.cloneParent();
          if (clone != null) {
            int[] keep = new int[c.nodeCount()];
            Arrays.fill(keep, Score.MINUS_INFINITY);
            for (Primitive p : clone.primitives()) {
              for (var e : p.active.entrySet()) {
                if (e.getValue() == Role.PROMOTED) {
                  keep[e.getKey().index] = 0;
                }
              }
            }
            clone.promotedLocations.add(keep);
          }
          return;
        }
        for (Primitive p : r.primitives()) {
          for (ClusterNode n : c.nodes) {
            if (!p.active.containsKey(n)) {
              p.weights[n.index] = Score.MINUS_INFINITY;
            }
          }
        }
      }
      default -> ban(c, r);
    }
  }

  private static void ban(Cluster c, Rsc r) {
    int[] ban = new int[c.nodeCount()];
    Arrays.fill(ban, Score.MINUS_INFINITY);
    Locations.applyTo(r, ban);
  }

  private static void forbidPromotion(Cluster c, Rsc r) {
    int[] ban = new int[c.nodeCount()];
    Arrays.fill(ban, Score.MINUS_INFINITY);
    Rsc target = r instanceof CloneRsc ? r : r.cloneParent();
    if (target != null) {
      target.promotedLocations.add(ban);
    }
  }
}
