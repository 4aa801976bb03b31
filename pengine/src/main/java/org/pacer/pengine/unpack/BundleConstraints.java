package org.pacer.pengine.unpack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pacer.pengine.model.Constraint;
import org.pacer.pengine.model.ResourceDef;
import org.pacer.pengine.model.Score;

/**
 * The constraints bundles imply, and what a constraint naming a bundle means. A bundle's own id
 * stands for its containers (where it runs, and "started" once they are up); when a constraint
 * speaks of roles (Promoted/Unpromoted, promote/demote) or of the bundle being started as a
 * "first", it means the primitive inside, whose instances come up last.
 */
final class BundleConstraints {
  private BundleConstraints() {}

  static List<Constraint> apply(List<Constraint> parsed, List<ResourceDef> resources) {
    Map<String, ResourceDef.Bundle> bundles = new LinkedHashMap<>();
    for (ResourceDef r : resources) {
      if (r instanceof ResourceDef.Bundle b) {
        bundles.put(b.id(), b);
      }
    }
    if (bundles.isEmpty()) {
      return parsed;
    }
    List<Constraint> out = new ArrayList<>();
    for (ResourceDef.Bundle b : bundles.values()) {
      for (int i = 0; b.ipRangeStart() != null && i < b.replicas(); i++) {
        // Each replica's address lives with its container and is up before it starts.
        out.add(
            new Constraint.Colocation(
                b.ipId(i) + "-with-container",
                b.ipId(i),
                b.containerId(i),
                Score.INFINITY,
                null,
                null,
                null,
                List.of()));
        out.add(
            new Constraint.Order(
                b.ipId(i) + "-before-container",
                b.ipId(i),
                b.containerId(i),
                "start",
                "start",
                "Mandatory",
                true,
                true,
                List.of()));
      }
    }
    for (Constraint k : parsed) {
      out.add(rewrite(k, bundles));
    }
    return out;
  }

  private static Constraint rewrite(Constraint k, Map<String, ResourceDef.Bundle> bundles) {
    if (k instanceof Constraint.Location l
        && l.role() != null
        && roleful(l.role())
        && l.resources().stream().anyMatch(bundles::containsKey)) {
      List<String> rs = l.resources().stream().map(r -> inner(r, bundles, true)).toList();
      return new Constraint.Location(
          l.id(), rs, l.rscPattern(), l.node(), l.score(), l.rules(), l.role(), l.discovery());
    }
    if (k instanceof Constraint.Colocation c && c.sets().isEmpty()) {
      return new Constraint.Colocation(
          c.id(),
          inner(c.rsc(), bundles, roleful(c.rscRole())),
          inner(c.withRsc(), bundles, roleful(c.withRole())),
          c.score(),
          c.rscRole(),
          c.withRole(),
          c.nodeAttribute(),
          c.sets());
    }
    if (k instanceof Constraint.Order o && o.sets().isEmpty()) {
      String fa = o.firstAction() == null ? "start" : o.firstAction();
      String ta = o.thenAction() == null ? fa : o.thenAction();
      return new Constraint.Order(
          o.id(),
          inner(o.first(), bundles, roleful(fa)),
          inner(o.then(), bundles, roleful(ta)),
          o.firstAction(),
          o.thenAction(),
          o.kind(),
          o.symmetrical(),
          o.requireAll(),
          o.sets());
    }
    return k;
  }

  private static boolean roleful(String roleOrAction) {
    if (roleOrAction == null) {
      return false;
    }
    return switch (roleOrAction) {
      case "Promoted",
          "Master",
          "Unpromoted",
          "Slave",
          "promote",
          "demote",
          "promoted",
          "demoted" ->
          true;
      default -> false;
    };
  }

  private static String inner(String id, Map<String, ResourceDef.Bundle> bundles, boolean use) {
    ResourceDef.Bundle b = id == null ? null : bundles.get(id);
    return b != null && use && b.inner() != null ? b.innerCloneId() : id;
  }
}
