package org.pacer.pengine.scheduler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.pacer.pengine.model.Constraint;
import org.pacer.pengine.model.NvSet;
import org.pacer.pengine.model.Score;
import org.pacer.pengine.rules.Rule;
import org.pacer.pengine.rules.RuleContext;

/** Initial node scores: symmetric/asymmetric base, then location constraints and rules. */
final class Locations {
  static final int ABSENT = Integer.MIN_VALUE;

  private Locations() {}

  static void initWeights(Cluster c) {
    int n = c.nodeCount();
    for (Rsc r : c.byId.values()) {
      r.weights = new int[n];
      // A guest's connection goes wherever its holder goes, even in an opt-in cluster.
      boolean follows = r instanceof Primitive p && p.isRemoteConnection && p.container != null;
      Arrays.fill(r.weights, c.symmetric || follows ? 0 : ABSENT);
    }
  }

  static void apply(Cluster c) {
    for (Constraint k : c.cib.constraints()) {
      if (!(k instanceof Constraint.Location loc)) {
        continue;
      }
      List<Rsc> targets = new ArrayList<>();
      for (String id : loc.resources()) {
        Rsc r = c.rsc(id);
        if (r != null) {
          targets.add(r);
        }
      }
      if (loc.rscPattern() != null) {
        try {
          // A leading "!" inverts the pattern; the pattern matches anywhere in the id.
          String pat = loc.rscPattern();
          boolean invert = pat.startsWith("!");
          Pattern p = Pattern.compile(invert ? pat.substring(1) : pat);
          for (Rsc r : c.resources) {
            addMatching(r, p, invert, targets);
          }
        } catch (PatternSyntaxException e) {
          c.warnings.add("rsc_location " + loc.id() + " has an invalid rsc-pattern");
        }
      }
      for (Rsc r : targets) {
        if ("exclusive".equals(loc.discovery())) {
          markExclusive(r, scores(c, loc, r));
        }
        Role role = Role.parse(loc.role());
        if (role == null && !loc.rules().isEmpty()) {
          // Rules may carry the role themselves; split them by role.
          for (Rule rule : loc.rules()) {
            Role rr = Role.parse(rule.role());
            Constraint.Location one =
                new Constraint.Location(
                    loc.id(),
                    loc.resources(),
                    loc.rscPattern(),
                    null,
                    loc.score(),
                    List.of(rule),
                    null,
                    loc.discovery());
            int[] sc = scores(c, one, r);
            if (rr == Role.PROMOTED) {
              r.promotedLocations.add(sc);
            } else if (rr != Role.UNPROMOTED) {
              applyTo(r, sc);
            }
          }
          continue;
        }
        int[] scores = scores(c, loc, r);
        if (role == Role.PROMOTED || role == Role.UNPROMOTED) {
          if (role == Role.PROMOTED) {
            r.promotedLocations.add(scores);
          }
          continue;
        }
        applyTo(r, scores);
      }
    }
  }

  /**
   * resource-discovery=exclusive: the resource may run only on nodes that some exclusive location
   * constraint for it covers.
   */
  private static void markExclusive(Rsc r, int[] covered) {
    if (r.exclusiveNodes == null) {
      r.exclusiveNodes = new boolean[covered.length];
    }
    for (int i = 0; i < covered.length; i++) {
      if (covered[i] != ABSENT) {
        r.exclusiveNodes[i] = true;
      }
    }
    for (Rsc ch : r.children()) {
      markExclusive(ch, covered);
    }
  }

  /** Bans each resource with exclusive discovery from the nodes none of those cover. */
  static void applyExclusive(Cluster c) {
    for (Rsc r : c.byId.values()) {
      if (r.exclusiveNodes == null) {
        continue;
      }
      for (ClusterNode n : c.nodes) {
        if (!r.exclusiveNodes[n.index] && r.weights[n.index] != ABSENT) {
          r.weights[n.index] = Score.MINUS_INFINITY;
        }
      }
    }
  }

  private static void addMatching(Rsc r, Pattern p, boolean invert, List<Rsc> out) {
    if (p.matcher(r.id).find() != invert) {
      out.add(r);
    }
    if (!(r instanceof CloneRsc)) {
      for (Rsc ch : r.children()) {
        addMatching(ch, p, invert, out);
      }
    }
  }

  /** Adds scores to a resource and everything inside it. */
  static void applyTo(Rsc r, int[] scores) {
    for (int i = 0; i < scores.length; i++) {
      if (scores[i] == ABSENT) {
        continue;
      }
      r.weights[i] = r.weights[i] == ABSENT ? scores[i] : Score.add(r.weights[i], scores[i]);
    }
    for (Rsc ch : r.children()) {
      applyTo(ch, scores);
    }
  }

  /** The score a location constraint gives each node (ABSENT where it says nothing). */
  static int[] scores(Cluster c, Constraint.Location loc, Rsc r) {
    int[] out = new int[c.nodeCount()];
    Arrays.fill(out, ABSENT);
    if (loc.node() != null) {
      ClusterNode n = c.node(loc.node());
      if (n != null && loc.score() != null) {
        out[n.index] = loc.score();
      }
      return out;
    }
    RuleContext base = c.ruleContext();
    if (r instanceof Primitive p) {
      base = base.withResource(p.cls, p.provider, p.type).withValues(p.params, p.meta);
    } else if (r != null) {
      base = base.withValues(Map.of(), r.meta);
    }
    boolean perNodeParams =
        r instanceof Primitive p && p.def.instance().stream().anyMatch(s -> s.rule() != null);
    for (ClusterNode n : c.nodes) {
      RuleContext ctx = base.withNode(n.attributes);
      if (perNodeParams) {
        // Parameters may themselves depend on the node (rules on instance_attributes).
        Primitive p = (Primitive) r;
        ctx = ctx.withValues(NvSet.resolve(p.def.instance(), ctx), p.meta);
      }
      for (Rule rule : loc.rules()) {
        if (!rule.test(ctx)) {
          continue;
        }
        int s;
        if (rule.scoreAttribute() != null) {
          String v = n.attributes.get(rule.scoreAttribute());
          if (v == null) {
            continue;
          }
          s = Score.parseOr(v, 0);
        } else {
          s = rule.score() == null ? 0 : rule.score();
        }
        out[n.index] = out[n.index] == ABSENT ? s : Score.add(out[n.index], s);
      }
    }
    return out;
  }
}
