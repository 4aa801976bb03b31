package org.pacer.cli.configure.render;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pacer.cli.configure.model.AttrSet;
import org.pacer.cli.configure.model.Definition;
import org.pacer.cli.configure.model.NvPair;
import org.pacer.cli.configure.model.Op;
import org.pacer.cli.configure.model.Rule;
import org.pacer.cli.configure.model.SetKind;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Builds the CIB element of a definition, with the ids crmsh gives. Objects that need the rest of
 * the CIB (containers, fencing topology, id references) get it through {@link CibView}.
 */
public final class XmlGenerator {

  /** Operation attributes Pacemaker knows; anything else on an op line is an op parameter. */
  static final Set<String> OP_ATTRIBUTES =
      Set.of(
          "id",
          "name",
          "interval",
          "description",
          "start-delay",
          "interval-origin",
          "timeout",
          "enabled",
          "record-pending",
          "role",
          "requires",
          "on-fail");

  private final Document doc;
  private final IdAllocator ids;
  private final CibView cib;

  /** What the generator needs to know about the CIB it writes into. */
  public interface CibView {
    /** Node unames in CIB order (fencing_topology without targets applies to each). */
    List<String> nodeNames();

    /** The element with this id, or null. */
    Element byId(String id);
  }

  public XmlGenerator(Document doc, IdAllocator ids, CibView cib) {
    this.doc = doc;
    this.ids = ids;
    this.cib = cib;
  }

  public IdAllocator ids() {
    return ids;
  }

  public Element el(String tag) {
    return doc.createElement(tag);
  }

  String claimOr(String given, String base) {
    if (given != null) {
      ids.claim(given);
      return given;
    }
    return ids.make(base);
  }

  public Element primitive(Definition.Primitive p) {
    Element e = el(p.template() ? "template" : "primitive");
    e.setAttribute("id", p.id());
    ids.claim(p.id());
    agent(e, p.agent());
    if (p.description() != null) {
      e.setAttribute("description", p.description());
    }
    List<Element> sets = new java.util.ArrayList<>();
    for (AttrSet s : p.sets()) {
      sets.add(attrSet(s, p.id()));
    }
    sets.forEach(e::appendChild);
    if (!p.ops().isEmpty() || p.operationsId() != null || p.operationsIdRef() != null) {
      Element ops = el("operations");
      if (p.operationsIdRef() != null) {
        ops.setAttribute("id-ref", resolveRef(p.operationsIdRef(), "operations"));
      }
      if (p.operationsId() != null) {
        ops.setAttribute("id", p.operationsId());
        ids.claim(p.operationsId());
      }
      String base = p.operationsId() != null ? p.operationsId() : p.id();
      for (Op op : p.ops()) {
        ops.appendChild(op(op, base));
      }
      // where the text put it (ids are still made in crmsh's order: sets first)
      e.insertBefore(ops, p.operationsAt() < sets.size() ? sets.get(p.operationsAt()) : null);
    }
    return e;
  }

  static void agent(Element e, String agent) {
    if (agent.startsWith("@")) {
      e.setAttribute("template", agent.substring(1));
      return;
    }
    String[] parts = agent.split(":", 3);
    if (parts.length == 3) {
      e.setAttribute("class", parts[0]);
      e.setAttribute("provider", parts[1]);
      e.setAttribute("type", parts[2]);
    } else if (parts.length == 2) {
      e.setAttribute("class", parts[0]);
      if (parts[0].equals("ocf")) {
        e.setAttribute("provider", "heartbeat");
      }
      e.setAttribute("type", parts[1]);
    } else {
      e.setAttribute("class", "ocf");
      e.setAttribute("provider", "heartbeat");
      e.setAttribute("type", parts[0]);
    }
  }

  /** One op element; id from the owner id, the name and the interval. */
  public Element op(Op op, String base) {
    Element e = el("op");
    e.setAttribute("name", op.name());
    Map<String, String> extra = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, String> a : op.attributes().entrySet()) {
      if (OP_ATTRIBUTES.contains(a.getKey())) {
        e.setAttribute(a.getKey(), a.getValue());
      } else {
        extra.put(a.getKey(), a.getValue());
      }
    }
    if (!e.hasAttribute("interval")) {
      e.setAttribute("interval", "0");
    }
    String id = op.attributes().get("id");
    if (id != null) {
      ids.claim(id);
    } else {
      id = ids.make(base + "-" + op.name() + "-" + e.getAttribute("interval"));
    }
    e.setAttribute("id", id);
    if (!extra.isEmpty()) {
      Element ia = el("instance_attributes");
      String iaId = ids.make(id + "-instance_attributes");
      ia.setAttribute("id", iaId);
      for (Map.Entry<String, String> x : extra.entrySet()) {
        ia.appendChild(nvpair(NvPair.of(x.getKey(), x.getValue()), iaId));
      }
      e.appendChild(ia);
    }
    for (AttrSet s : op.sets()) {
      e.appendChild(attrSet(s, id));
    }
    return e;
  }

  /** An attribute set with its rules and pairs; {@code owner} is the id the set id derives from. */
  public Element attrSet(AttrSet s, String owner) {
    Element e = el(s.kind().element());
    if (s.idRef() != null) {
      e.setAttribute("id-ref", resolveRef(s.idRef(), s.kind().element()));
      return e;
    }
    String id = claimOr(s.id(), owner + "-" + s.kind().element());
    e.setAttribute("id", id);
    if (s.score() != null) {
      e.setAttribute("score", s.score());
    }
    for (Rule r : s.rules()) {
      e.appendChild(rule(r, id));
    }
    for (NvPair p : s.pairs()) {
      e.appendChild(nvpair(p, id));
    }
    return e;
  }

  public Element nvpair(NvPair p, String setId) {
    Element e = el("nvpair");
    if (p.idRef() != null) {
      e.setAttribute("id-ref", p.idRef());
      return e;
    }
    e.setAttribute("id", claimOr(p.id(), setId + "-" + p.name()));
    e.setAttribute("name", p.name());
    if (p.value() != null) {
      e.setAttribute("value", p.value());
    }
    return e;
  }

  public Element rule(Rule r, String owner) {
    Element e = el("rule");
    if (r.idRef() != null) {
      e.setAttribute("id-ref", resolveRef(r.idRef(), "rule"));
      return e;
    }
    String id = claimOr(r.id(), owner + "-rule");
    e.setAttribute("id", id);
    if (r.score() != null) {
      e.setAttribute("score", r.score());
    }
    if (r.scoreAttribute() != null) {
      e.setAttribute("score-attribute", r.scoreAttribute());
    }
    if (r.role() != null) {
      e.setAttribute("role", r.role());
    }
    if ("or".equals(r.booleanOp())) {
      e.setAttribute("boolean-op", r.booleanOp());
    }
    for (Rule.Expression x : r.expressions()) {
      String xid = ids.make(id + "-expression");
      if (x instanceof Rule.AttrExpression a) {
        Element ex = el("expression");
        ex.setAttribute("id", xid);
        ex.setAttribute("attribute", a.attribute());
        ex.setAttribute("operation", a.operation());
        if (a.type() != null) {
          ex.setAttribute("type", a.type());
        }
        if (a.value() != null) {
          ex.setAttribute("value", a.value());
        }
        e.appendChild(ex);
      } else if (x instanceof Rule.DateExpression d) {
        Element ex = el("date_expression");
        ex.setAttribute("id", xid);
        ex.setAttribute("operation", d.operation());
        if (d.start() != null) {
          ex.setAttribute("start", d.start());
        }
        if (d.end() != null) {
          ex.setAttribute("end", d.end());
        }
        if (!d.fields().isEmpty()) {
          String tag = d.operation().equals("date_spec") ? "date_spec" : "duration";
          Element f = el(tag);
          f.setAttribute("id", ids.make(xid + "-" + tag));
          d.fields().forEach(f::setAttribute);
          ex.appendChild(f);
        }
        e.appendChild(ex);
      }
    }
    return e;
  }

  /**
   * crmsh lets {@code $id-ref} name an object instead of the set (or rule) inside it; the reference
   * then points at the object's first element of that kind.
   */
  String resolveRef(String ref, String tag) {
    Element target = cib.byId(ref);
    if (target == null || target.getTagName().equals(tag)) {
      return ref;
    }
    org.w3c.dom.NodeList inner = target.getElementsByTagName(tag);
    for (int i = 0; i < inner.getLength(); i++) {
      Element x = (Element) inner.item(i);
      if (x.hasAttribute("id")) {
        return x.getAttribute("id");
      }
      if (x.hasAttribute("id-ref")) {
        return x.getAttribute("id-ref");
      }
    }
    return ref;
  }

  /** A node element. */
  public Element node(Definition.Node n) {
    Element e = el("node");
    String id = n.id() != null ? n.id() : n.uname();
    e.setAttribute("id", id);
    ids.claim(id);
    e.setAttribute("uname", n.uname());
    if (n.type() != null) {
      e.setAttribute("type", n.type());
    }
    if (n.description() != null) {
      e.setAttribute("description", n.description());
    }
    for (AttrSet s : n.sets()) {
      e.appendChild(attrSet(s, id));
    }
    return e;
  }

  /** A score Pacemaker reads as a number (not the name of a node attribute). */
  public static boolean isNumericScore(String s) {
    return s.matches("[-+]?([0-9]+|INFINITY|inf)");
  }

  /** Element name in the CIB of a set-kind keyword's default id. */
  public static String defaultSetId(SetKind kind) {
    return switch (kind) {
      case PROPERTY -> "cib-bootstrap-options";
      case RSC_DEFAULTS -> "rsc-options";
      case OP_DEFAULTS -> "op-options";
      default -> throw new IllegalArgumentException(kind.toString());
    };
  }
}
