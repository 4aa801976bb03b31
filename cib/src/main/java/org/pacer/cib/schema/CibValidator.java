package org.pacer.cib.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pacer.cib.document.CibDocument;
import org.pacer.cib.document.CibError;
import org.pacer.cib.document.CibException;
import org.pacer.cib.document.CibPaths;
import org.pacer.cib.document.SourceLine;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks a whole CIB against {@link CibSchema}, then what a schema alone cannot: ids unique across
 * the document, and every reference pointing at an element that exists and is of the right kind.
 * Problems come back by id and line; warnings are what crm_verify warns about (a constraint on a
 * node the CIB does not list) and never block a write.
 */
public final class CibValidator {

  /** Problems beyond this are not listed: the first few are what a person fixes first. */
  public static final int MAX_PROBLEMS = 50;

  private final CibSchema schema;

  public CibValidator(CibSchema schema) {
    this.schema = schema;
  }

  public static CibValidator standard() {
    return new CibValidator(CibSchema.pacemaker3());
  }

  /**
   * True when the CIB asks not to be validated ({@code validate-with="none"}), as Pacemaker allows.
   */
  public static boolean validationDisabled(CibDocument cib) {
    return cib.validateWith().equals("none");
  }

  /** Everything wrong with the CIB. */
  public Problems validate(CibDocument cib) {
    Problems problems = new Problems(MAX_PROBLEMS);
    if (validationDisabled(cib)) {
      return problems;
    }
    Walk walk = new Walk(problems);
    walk.element(cib.root(), null);
    walk.checkReferences();
    walk.checkNodeNames(cib);
    return problems;
  }

  /** Validates and throws a {@link CibError#SCHEMA} error listing every error found. */
  public void require(CibDocument cib, String what) {
    Problems p = validate(cib);
    if (p.hasErrors()) {
      List<String> lines = p.errors().stream().map(Problems.Problem::toString).toList();
      throw new CibException(
          CibError.SCHEMA,
          what
              + " does not conform to the CIB schema ("
              + lines.size()
              + (p.full() ? "+" : "")
              + " problem"
              + (lines.size() == 1 ? "" : "s")
              + ")",
          lines);
    }
  }

  private record Reference(
      Element from, String attribute, String target, AttributeType.IdRef type) {}

  private final class Walk {
    final Problems problems;
    final Map<String, Element> ids = new HashMap<>();
    final List<Reference> references = new ArrayList<>();

    Walk(Problems problems) {
      this.problems = problems;
    }

    void element(Element e, ElementRule parent) {
      if (problems.full()) {
        return;
      }
      ElementRule rule = schema.rule(e.getTagName());
      if (rule == null || (parent != null && !parent.children.containsKey(e.getTagName()))) {
        String where = parent == null ? "at the top" : "inside <" + parent.tag + ">";
        problems.error(e, "element <" + e.getTagName() + "> is not allowed " + where);
        return;
      }
      attributes(e, rule);
      for (var check : rule.checks) {
        check.accept(e, problems);
      }
      if (rule.anyContent) {
        return;
      }
      Map<String, Integer> counts = new HashMap<>();
      for (Node k = e.getFirstChild(); k != null; k = k.getNextSibling()) {
        if (k instanceof Element c) {
          counts.merge(c.getTagName(), 1, Integer::sum);
          element(c, rule);
        } else if (k.getNodeType() == Node.TEXT_NODE && !rule.allowText) {
          problems.error(e, "text is not allowed inside <" + e.getTagName() + ">");
        }
      }
      rule.children.forEach(
          (tag, count) -> {
            int n = counts.getOrDefault(tag, 0);
            switch (count) {
              case REQUIRED -> {
                if (n != 1) {
                  problems.error(e, "must contain exactly one <" + tag + ">, found " + n);
                }
              }
              case OPTIONAL -> {
                if (n > 1) {
                  problems.error(e, "may contain at most one <" + tag + ">, found " + n);
                }
              }
              case ONE_OR_MORE -> {
                if (n == 0) {
                  problems.error(e, "must contain at least one <" + tag + ">");
                }
              }
              case ANY -> {}
            }
          });
    }

    void attributes(Element e, ElementRule rule) {
      for (String name : rule.required) {
        if (!e.hasAttribute(name)) {
          problems.error(e, "attribute '" + name + "' is required");
        }
      }
      var map = e.getAttributes();
      for (int i = 0; i < map.getLength(); i++) {
        Attr a = (Attr) map.item(i);
        AttributeType type = rule.attributes.get(a.getName());
        if (type == null) {
          if (!rule.anyAttributes) {
            problems.error(
                e, "attribute '" + a.getName() + "' is not allowed on <" + e.getTagName() + ">");
          }
          continue;
        }
        String why = type.check(a.getValue());
        if (why != null) {
          problems.error(e, "attribute '" + a.getName() + "': " + why);
          continue;
        }
        if (type instanceof AttributeType.Id) {
          Element first = ids.putIfAbsent(a.getValue(), e);
          if (first != null) {
            problems.error(e, "id '" + a.getValue() + "' is already used by " + describeAt(first));
          }
        } else if (type instanceof AttributeType.IdRef ref) {
          references.add(new Reference(e, a.getName(), a.getValue(), ref));
        }
      }
    }

    void checkReferences() {
      for (Reference r : references) {
        Element target = ids.get(r.target());
        if (target == null) {
          problems.error(
              r.from(),
              "attribute '"
                  + r.attribute()
                  + "' refers to "
                  + r.type().what()
                  + " '"
                  + r.target()
                  + "', which does not exist");
        } else if (!r.type().targets().isEmpty()
            && !r.type().targets().contains(target.getTagName())) {
          problems.error(
              r.from(),
              "attribute '"
                  + r.attribute()
                  + "' refers to '"
                  + r.target()
                  + "', which is a <"
                  + target.getTagName()
                  + ">, not a "
                  + r.type().what());
        }
      }
    }

    /** crm_verify-style warning: a location constraint for a node the CIB does not list. */
    void checkNodeNames(CibDocument cib) {
      Element nodes = CibPaths.find(cib.root(), "/cib/configuration/nodes");
      Element constraints = CibPaths.find(cib.root(), "/cib/configuration/constraints");
      if (nodes == null || constraints == null) {
        return;
      }
      Set<String> names = new HashSet<>();
      for (Node k = nodes.getFirstChild(); k != null; k = k.getNextSibling()) {
        if (k instanceof Element n) {
          names.add(n.getAttribute("uname"));
        }
      }
      for (Node k = constraints.getFirstChild(); k != null; k = k.getNextSibling()) {
        if (k instanceof Element c
            && c.getTagName().equals("rsc_location")
            && c.hasAttribute("node")
            && !names.contains(c.getAttribute("node"))) {
          problems.warning(
              c, "node '" + c.getAttribute("node") + "' is not in the nodes section (yet)");
        }
      }
    }
  }

  private static String describeAt(Element e) {
    SourceLine line = SourceLine.of(e);
    return CibPaths.describe(e) + (line == null ? " at " + CibPaths.pathOf(e) : " (" + line + ")");
  }
}
