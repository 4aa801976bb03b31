package org.pacer.pengine.scheduler;

import java.util.List;
import org.pacer.pengine.model.Constraint;
import org.pacer.pengine.model.ResourceSet;
import org.pacer.pengine.model.Score;

/**
 * Builds colocations from constraints (plain and resource sets) and from groups (each member with
 * the one before it). A group named in a colocation stands for its first member as the dependent,
 * and as the primary for its last member when mandatory (the whole group must be up) or its first
 * member otherwise (a partly active group will do).
 */
final class Colocations {
  private final Cluster c;

  Colocations(Cluster c) {
    this.c = c;
  }

  void build() {
    for (Primitive p : c.allPrimitives) {
      boolean guestHolder =
          p.container instanceof Primitive holder
              && holder.guestNode != null
              && !p.isRemoteConnection;
      if (p.container != null && !guestHolder) {
        // A resource inside a container runs where the container runs (inside a guest's holder
        // it runs on the guest, which its own location says).
        add(
            p.id + "-in-" + p.container.id,
            p,
            p.container,
            Bundles.withContainer(p),
            null,
            null,
            null);
      }
    }
    for (Rsc r : c.byId.values()) {
      if (r instanceof GroupRsc g && g.colocated) {
        for (int i = 1; i < g.members.size(); i++) {
          add(
              g.id + "-internal-" + i,
              g.members.get(i),
              g.members.get(i - 1),
              Score.INFINITY,
              null,
              null,
              null);
        }
      }
    }
    for (Constraint k : c.cib.constraints()) {
      if (!(k instanceof Constraint.Colocation col)) {
        continue;
      }
      if (col.sets().isEmpty()) {
        Rsc dep = c.rsc(col.rsc());
        Rsc prim = c.rsc(col.withRsc());
        if (dep == null || prim == null) {
          continue;
        }
        add(
            col.id(),
            dep,
            prim,
            col.score(),
            Role.parse(col.rscRole()),
            Role.parse(col.withRole()),
            col.nodeAttribute());
        continue;
      }
      List<ResourceSet> sets = col.sets();
      for (ResourceSet s : sets) {
        int score = s.score() != null ? s.score() : col.score();
        boolean apart = score < 0 && (s.sequential() || score <= Score.MINUS_INFINITY);
        for (int j = 1; j < s.resources().size(); j++) {
          // A sequence chains each member to the one before it; keeping members apart
          // (negative score) means keeping each away from every one before it.
          for (int i = apart ? 0 : j - 1; i < j; i++) {
            if (!s.sequential() && !apart) {
              continue;
            }
            Rsc dep = c.rsc(s.resources().get(j));
            Rsc prim = c.rsc(s.resources().get(i));
            if (dep != null && prim != null) {
              Role role = Role.parse(s.role());
              add(col.id(), dep, prim, score, role, role, col.nodeAttribute());
            }
          }
        }
      }
      // Each set is colocated with the set after it.
      for (int i = 0; i + 1 < sets.size(); i++) {
        ResourceSet a = sets.get(i);
        ResourceSet b = sets.get(i + 1);
        if (a.resources().isEmpty() || b.resources().isEmpty()) {
          continue;
        }
        List<String> deps = a.sequential() ? List.of(a.resources().get(0)) : a.resources();
        List<String> prims =
            b.sequential() ? List.of(b.resources().get(b.resources().size() - 1)) : b.resources();
        for (String d : deps) {
          for (String p : prims) {
            Rsc dep = c.rsc(d);
            Rsc prim = c.rsc(p);
            if (dep != null && prim != null) {
              add(
                  col.id(),
                  dep,
                  prim,
                  col.score(),
                  Role.parse(a.role()),
                  Role.parse(b.role()),
                  col.nodeAttribute());
            }
          }
        }
      }
    }
  }

  private void add(
      String id, Rsc dep, Rsc prim, int score, Role depRole, Role primRole, String attr) {
    if (dep == prim || score == 0) {
      return;
    }
    if (dep instanceof GroupRsc g && !g.members.isEmpty() && g.colocated) {
      dep = g.members.get(0);
    }
    if (prim instanceof GroupRsc g && !g.members.isEmpty() && g.colocated) {
      prim = score >= Score.INFINITY ? g.members.get(g.members.size() - 1) : g.members.get(0);
    }
    if (depRole == Role.STARTED) {
      depRole = null;
    }
    if (primRole == Role.STARTED) {
      primRole = null;
    }
    boolean influence = dep.critical;
    Coloc k = new Coloc(id, dep, prim, score, depRole, primRole, attr, influence);
    dep.dependentOf.add(k);
    prim.primaryOf.add(k);
  }
}
