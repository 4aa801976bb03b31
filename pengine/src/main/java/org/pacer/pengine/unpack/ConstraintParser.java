package org.pacer.pengine.unpack;

import static org.pacer.pengine.unpack.Xml.attr;
import static org.pacer.pengine.unpack.Xml.children;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pacer.pengine.model.ClusterOption;
import org.pacer.pengine.model.Constraint;
import org.pacer.pengine.model.ResourceDef;
import org.pacer.pengine.model.ResourceSet;
import org.pacer.pengine.model.Score;
import org.pacer.pengine.rules.Rule;
import org.w3c.dom.Element;

/** Parses the constraints section, expanding tags and checking that resources exist. */
final class ConstraintParser {
  private final List<String> problems;
  private final RuleParser rules;
  private final Map<String, Element> ids;
  private final Map<String, List<String>> tags;
  private final Set<String> known = new HashSet<>();

  ConstraintParser(
      List<String> problems,
      RuleParser rules,
      Map<String, Element> ids,
      Map<String, List<String>> tags) {
    this.problems = problems;
    this.rules = rules;
    this.ids = ids;
    this.tags = tags;
  }

  List<Constraint> parse(Element section, List<ResourceDef> resources) {
    for (ResourceDef r : resources) {
      collect(r);
    }
    List<Constraint> out = new ArrayList<>();
    for (Element c0 : children(section)) {
      Element c = c0;
      if (attr(c0, "id-ref") != null && ids.containsKey(c0.getAttribute("id-ref"))) {
        c = ids.get(c0.getAttribute("id-ref"));
      }
      String id = c.getAttribute("id");
      List<ResourceSet> sets = CibParser.resourceSets(c, tags);
      for (ResourceSet s : sets) {
        for (String r : s.resources()) {
          check(id, r);
        }
      }
      switch (c.getTagName()) {
        case "rsc_location" -> out.add(location(c, id));
        case "rsc_colocation" -> {
          String rsc = attr(c, "rsc");
          String with = attr(c, "with-rsc");
          if (sets.isEmpty()) {
            check(id, rsc);
            check(id, with);
          }
          String score = attr(c, "score");
          int s = score == null ? 0 : score(id, score);
          if (sets.isEmpty() && (tags.containsKey(rsc) || tags.containsKey(with))) {
            // A tag (or template) stands for all it names: an unordered set.
            sets =
                List.of(
                    tagSet(id + "-0", rsc, role(attr(c, "rsc-role"))),
                    tagSet(id + "-1", with, role(attr(c, "with-rsc-role"))));
          }
          out.add(
              new Constraint.Colocation(
                  id,
                  rsc,
                  with,
                  s,
                  role(attr(c, "rsc-role")),
                  role(attr(c, "with-rsc-role")),
                  attr(c, "node-attribute"),
                  sets));
        }
        case "rsc_order" -> {
          String first = attr(c, "first");
          String then = attr(c, "then");
          if (sets.isEmpty()) {
            check(id, first);
            check(id, then);
          }
          String kind = attr(c, "kind");
          String score = attr(c, "score");
          if (kind == null) {
            // Pre-kind configurations used score: 0 means optional.
            kind = score != null && score(id, score) == 0 ? "Optional" : "Mandatory";
          }
          String sym = attr(c, "symmetrical");
          boolean symmetrical = sym == null ? !kind.equals("Serialize") : ClusterOption.isTrue(sym);
          if (sets.isEmpty() && (tags.containsKey(first) || tags.containsKey(then))) {
            String fa = action(attr(c, "first-action"));
            String ta = action(attr(c, "then-action"));
            sets =
                List.of(
                    new ResourceSet(
                        id + "-0",
                        members(first),
                        false,
                        true,
                        null,
                        fa == null ? "start" : fa,
                        null,
                        null),
                    new ResourceSet(
                        id + "-1",
                        members(then),
                        false,
                        true,
                        null,
                        ta == null ? (fa == null ? "start" : fa) : ta,
                        null,
                        null));
          }
          out.add(
              new Constraint.Order(
                  id,
                  first,
                  then,
                  action(attr(c, "first-action")),
                  action(attr(c, "then-action")),
                  kind,
                  symmetrical,
                  attr(c, "require-all") == null || ClusterOption.isTrue(attr(c, "require-all")),
                  sets));
        }
        case "rsc_ticket" -> {
          String rsc = attr(c, "rsc");
          if (sets.isEmpty()) {
            check(id, rsc);
          }
          if (sets.isEmpty() && tags.containsKey(rsc)) {
            sets = List.of(tagSet(id + "-0", rsc, role(attr(c, "rsc-role"))));
          }
          out.add(
              new Constraint.Ticket(
                  id,
                  rsc,
                  role(attr(c, "rsc-role")),
                  attr(c, "ticket"),
                  attr(c, "loss-policy"),
                  sets));
        }
        default -> {}
      }
    }
    return out;
  }

  private Constraint.Location location(Element c, String id) {
    String rsc = attr(c, "rsc");
    String pattern = attr(c, "rsc-pattern");
    List<ResourceSet> sets = CibParser.resourceSets(c, tags);
    List<String> rscs = new ArrayList<>();
    if (rsc != null) {
      check(id, rsc);
      rscs.addAll(tags.getOrDefault(rsc, List.of(rsc)));
    }
    for (ResourceSet s : sets) {
      rscs.addAll(s.resources());
    }
    List<Rule> rs = new ArrayList<>();
    for (Element r : children(c, "rule")) {
      rs.add(rules.rule(r));
    }
    String score = attr(c, "score");
    Integer s = score == null ? null : score(id, score);
    if (score == null && attr(c, "node") != null) {
      problems.add("rsc_location " + id + " names a node but has no score");
    }
    return new Constraint.Location(
        id,
        rscs,
        pattern,
        attr(c, "node"),
        s,
        rs,
        role(attr(c, "role")),
        attr(c, "resource-discovery"));
  }

  private List<String> members(String ref) {
    return tags.getOrDefault(ref, List.of(ref));
  }

  /** An unordered set of what a tag (or template) names, or of one resource. */
  private ResourceSet tagSet(String id, String ref, String role) {
    return new ResourceSet(id, members(ref), false, true, role, null, null, null);
  }

  private int score(String id, String text) {
    try {
      return Score.parse(text);
    } catch (IllegalArgumentException e) {
      problems.add("constraint " + id + ": " + e.getMessage());
      return 0;
    }
  }

  private void collect(ResourceDef r) {
    known.add(r.id());
    if (r instanceof ResourceDef.Group g) {
      g.children().forEach(this::collect);
    } else if (r instanceof ResourceDef.Clone c) {
      collect(c.child());
    } else if (r instanceof ResourceDef.Bundle b) {
      // The parts a bundle makes exist under their own names too.
      for (int i = 0; i < b.replicas(); i++) {
        known.add(b.containerId(i));
        if (b.ipRangeStart() != null) {
          known.add(b.ipId(i));
        }
        if (b.inner() != null) {
          known.add(b.guestId(i));
        }
      }
    }
  }

  private void check(String id, String rsc) {
    if (rsc == null) {
      problems.add("constraint " + id + " does not name a resource");
    } else if (!known.contains(rsc) && !tags.containsKey(rsc)) {
      problems.add("constraint " + id + " names resource '" + rsc + "' which does not exist");
    }
  }

  /** Maps legacy role names (Master/Slave) to the current ones. */
  static String role(String r) {
    if (r == null) {
      return null;
    }
    return switch (r) {
      case "Master" -> "Promoted";
      case "Slave" -> "Unpromoted";
      default -> r;
    };
  }

  private static String action(String a) {
    return a;
  }
}
