package org.pacer.pengine.scheduler;

import static org.pacer.pengine.scheduler.Ordering.IMPLIES_THEN;
import static org.pacer.pengine.scheduler.Ordering.RUNNABLE_LEFT;

import java.util.List;
import org.pacer.pengine.model.Constraint;
import org.pacer.pengine.model.ResourceSet;

/** Turns rsc_order constraints (plain and with resource sets) into action orderings. */
final class Orders {
  private final Cluster c;
  private final ActionBuilder b;

  Orders(Cluster c, ActionBuilder b) {
    this.c = c;
    this.b = b;
  }

  void apply() {
    for (Primitive p : c.allPrimitives) {
      boolean laterMember = p.parent instanceof GroupRsc g && g.members.indexOf(p) > 0;
      if (p.container != null && !laterMember) {
        // A group in a container follows it through its first member.
        order(p.container, "start", p, "start", IMPLIES_THEN | RUNNABLE_LEFT, true);
      }
    }
    for (Constraint k : c.cib.constraints()) {
      if (!(k instanceof Constraint.Order o)) {
        continue;
      }
      int flags = flags(o.kind());
      if (o.sets().isEmpty()) {
        Rsc f = c.rsc(o.first());
        Rsc t = c.rsc(o.then());
        if (f == null || t == null) {
          continue;
        }
        String fa = o.firstAction() == null ? "start" : o.firstAction();
        String ta = o.thenAction() == null ? fa : o.thenAction();
        b.requireAll = o.requireAll();
        order(o.id(), f, fa, t, ta, flags, o.symmetrical());
        b.requireAll = true;
        continue;
      }
      List<ResourceSet> sets = o.sets();
      ResourceSet prev = null;
      for (ResourceSet s : sets) {
        int sflags = flags;
        if (s.kind() != null) {
          sflags = flags(s.kind());
        }
        String act = s.action() == null ? "start" : s.action();
        if (s.sequential()) {
          for (int i = 1; i < s.resources().size(); i++) {
            Rsc f = c.rsc(s.resources().get(i - 1));
            Rsc t = c.rsc(s.resources().get(i));
            if (f != null && t != null) {
              order(f, act, t, act, sflags, o.symmetrical());
            }
          }
        }
        if (prev != null) {
          String pa = prev.action() == null ? "start" : prev.action();
          List<String> firsts =
              prev.sequential()
                  ? List.of(prev.resources().get(prev.resources().size() - 1))
                  : prev.resources();
          List<String> thens = s.sequential() ? List.of(s.resources().get(0)) : s.resources();
          if (!prev.requireAll() && !prev.sequential()) {
            // require-all=false: what follows may start once any one of the set runs.
            b.orderOneOrMore(
                "one-or-more:" + prev.id(),
                resolve(prev.resources()),
                pa,
                resolve(thens),
                act,
                flags);
            prev = s;
            continue;
          }
          for (String fi : firsts) {
            for (String ti : thens) {
              Rsc f = c.rsc(fi);
              Rsc t = c.rsc(ti);
              if (f != null && t != null) {
                order(f, pa, t, act, flags, o.symmetrical());
              }
            }
          }
        }
        prev = s;
      }
    }
  }

  /**
   * Mandatory (and any unknown kind, as Pacemaker reads it): then needs first, and restarts with
   * it. Optional and Serialize only order what happens anyway.
   */
  static int flags(String kind) {
    if ("Serialize".equals(kind) || "Optional".equals(kind)) {
      return 0;
    }
    return IMPLIES_THEN | RUNNABLE_LEFT;
  }

  private List<Rsc> resolve(List<String> ids) {
    List<Rsc> out = new java.util.ArrayList<>();
    for (String id : ids) {
      Rsc r = c.rsc(id);
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }

  private void order(Rsc f, String fa, Rsc t, String ta, int flags, boolean symmetrical) {
    b.orderPrimitives(f, fa, t, ta, flags, symmetrical);
  }

  private void order(
      String id, Rsc f, String fa, Rsc t, String ta, int flags, boolean symmetrical) {
    b.orderId = id;
    b.orderPrimitives(f, fa, t, ta, flags, symmetrical);
    b.orderId = null;
  }
}
