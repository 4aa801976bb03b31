package org.pacer.pengine.unpack;

import static org.pacer.pengine.unpack.Xml.attr;
import static org.pacer.pengine.unpack.Xml.child;
import static org.pacer.pengine.unpack.Xml.children;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pacer.pengine.model.Cib;
import org.pacer.pengine.model.ClusterOption;
import org.pacer.pengine.model.Constraint;
import org.pacer.pengine.model.NodeDef;
import org.pacer.pengine.model.NvSet;
import org.pacer.pengine.model.OpDef;
import org.pacer.pengine.model.ResourceDef;
import org.pacer.pengine.model.ResourceSet;
import org.pacer.pengine.model.Score;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Unpacks CIB XML into an immutable {@link Cib}. Every problem found (unknown resource class,
 * constraint naming a missing resource, bad score, bad date) is collected with the id of the
 * element concerned, and reported together.
 */
public final class CibParser {
  private final List<String> problems = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private Map<String, Element> ids = Xml.emptyIndex();
  private final RuleParser rules = new RuleParser(problems);
  private final Map<String, Element> templates = new LinkedHashMap<>();
  private final Map<String, List<String>> templateUsers = new LinkedHashMap<>();

  /** Parses CIB text. */
  public static Cib parse(String xml) throws CibException {
    return new CibParser().unpack(Xml.parse(xml));
  }

  /** Parses CIB text into a DOM, for tools that change it before unpacking. */
  public static org.w3c.dom.Document document(String xml) throws CibException {
    return Xml.parse(xml);
  }

  /** Unpacks a CIB DOM (which is not changed). */
  public static Cib parse(Document doc) throws CibException {
    return new CibParser().unpack(doc);
  }

  private Cib unpack(Document doc) throws CibException {
    Element root = doc.getDocumentElement();
    if (!root.getTagName().equals("cib")) {
      throw new CibException("root element is <" + root.getTagName() + ">, not <cib>");
    }
    ids = Xml.indexIds(root);
    rules.setIds(ids);
    Element config = child(root, "configuration");
    if (config == null) {
      throw new CibException("CIB has no <configuration> section");
    }
    List<NvSet> props = new ArrayList<>();
    for (Element set : children(child(config, "crm_config"), "cluster_property_set")) {
      props.add(nvSet(set));
    }
    checkOptions(props);
    List<NodeDef> nodes = new ArrayList<>();
    for (Element n : children(child(config, "nodes"), "node")) {
      nodes.add(node(n));
    }
    Element rscs = child(config, "resources");
    for (Element t : children(rscs, "template")) {
      templates.put(t.getAttribute("id"), t);
    }
    List<ResourceDef> resources = new ArrayList<>();
    for (Element r : children(rscs)) {
      ResourceDef d = resource(r);
      if (d != null) {
        resources.add(d);
      }
    }
    Map<String, List<String>> tags = new LinkedHashMap<>();
    for (Element t : children(child(config, "tags"), "tag")) {
      List<String> refs = new ArrayList<>();
      for (Element o : children(t, "obj_ref")) {
        refs.add(o.getAttribute("id"));
      }
      tags.put(t.getAttribute("id"), refs);
    }
    // In constraints a template stands for every primitive made from it, as a tag would.
    Map<String, List<String>> refs = new LinkedHashMap<>(tags);
    for (var e : templateUsers.entrySet()) {
      refs.putIfAbsent(e.getKey(), e.getValue());
    }
    ConstraintParser cp = new ConstraintParser(problems, rules, ids, refs);
    List<Constraint> constraints =
        BundleConstraints.apply(cp.parse(child(config, "constraints"), resources), resources);
    List<NvSet> rscDefaults = sets(child(config, "rsc_defaults"), "meta_attributes");
    List<NvSet> opDefaults = sets(child(config, "op_defaults"), "meta_attributes");
    StatusParser sp = new StatusParser(problems);
    Element status = child(root, "status");
    var states = sp.nodeStates(status);
    var tickets = sp.tickets(status);
    if (!problems.isEmpty()) {
      throw new CibException(problems);
    }
    String quorum = attr(root, "have-quorum");
    return new Cib(
        props,
        nodes,
        resources,
        constraints,
        rscDefaults,
        opDefaults,
        tags,
        states,
        tickets,
        quorum == null || ClusterOption.isTrue(quorum),
        attr(root, "dc-uuid"),
        attr(root, "execution-date"),
        warnings);
  }

  private void checkOptions(List<NvSet> props) {
    for (NvSet s : props) {
      for (var e : s.values().entrySet()) {
        for (ClusterOption o : ClusterOption.values()) {
          if (!o.optionName().equals(e.getKey()) || e.getValue() == null) {
            continue;
          }
          if (o.type() == ClusterOption.Type.DURATION) {
            try {
              ClusterOption.parseDurationMs(e.getValue());
            } catch (IllegalArgumentException ex) {
              warnings.add(
                  "cluster option " + o.optionName() + " has invalid value '" + e.getValue() + "'");
            }
          }
        }
      }
    }
  }

  List<NvSet> sets(Element parent, String tag) {
    List<NvSet> out = new ArrayList<>();
    for (Element s : children(parent, tag)) {
      out.add(nvSet(s));
    }
    return out;
  }

  NvSet nvSet(Element el) {
    Element set = resolveRef(el);
    Map<String, String> values = new LinkedHashMap<>();
    for (Element nv : children(set, "nvpair")) {
      Element p = resolveRef(nv);
      String name = attr(p, "name");
      if (name != null) {
        // A name given twice in one set: the first one counts.
        values.putIfAbsent(name, attr(p, "value"));
      }
    }
    Element r = child(set, "rule");
    int score = 0;
    String sc = attr(set, "score");
    if (sc != null) {
      score = Score.parseOr(sc, 0);
    }
    return new NvSet(set.getAttribute("id"), score, r == null ? null : rules.rule(r), values);
  }

  private Element resolveRef(Element el) {
    String ref = attr(el, "id-ref");
    if (ref == null) {
      return el;
    }
    Element target = ids.get(ref);
    if (target == null) {
      problems.add(el.getTagName() + " id-ref '" + ref + "' names nothing");
      return el;
    }
    return target;
  }

  private NodeDef node(Element n) {
    return new NodeDef(
        n.getAttribute("id"),
        attr(n, "uname") == null ? n.getAttribute("id") : n.getAttribute("uname"),
        attr(n, "type") == null ? "member" : n.getAttribute("type"),
        sets(n, "instance_attributes"),
        sets(n, "utilization"));
  }

  private ResourceDef resource(Element r) {
    String id = r.getAttribute("id");
    switch (r.getTagName()) {
      case "primitive":
        return primitive(r);
      case "group":
        {
          List<ResourceDef.Primitive> kids = new ArrayList<>();
          for (Element c : children(r, "primitive")) {
            kids.add(primitive(c));
          }
          return new ResourceDef.Group(id, sets(r, "meta_attributes"), kids);
        }
      case "clone":
      case "master":
        {
          ResourceDef childDef = null;
          for (Element c : children(r)) {
            if (c.getTagName().equals("primitive") || c.getTagName().equals("group")) {
              childDef = resource(c);
            }
          }
          if (childDef == null) {
            problems.add("clone " + id + " has no primitive or group inside");
            return null;
          }
          return new ResourceDef.Clone(
              id, sets(r, "meta_attributes"), childDef, r.getTagName().equals("master"));
        }
      case "bundle":
        return new BundleParser(problems, this::primitive, e -> sets(e, "meta_attributes"))
            .parse(r);
      default:
        return null;
    }
  }

  private ResourceDef.Primitive primitive(Element p) {
    String id = p.getAttribute("id");
    Element tpl = null;
    String tplName = attr(p, "template");
    if (tplName != null) {
      tpl = templates.get(tplName);
      templateUsers.computeIfAbsent(tplName, k -> new ArrayList<>()).add(id);
      if (tpl == null) {
        problems.add("primitive " + id + " uses template '" + tplName + "' which does not exist");
      }
    }
    String cls = attr(p, "class");
    String provider = attr(p, "provider");
    String type = attr(p, "type");
    if (tpl != null) {
      cls = cls == null ? attr(tpl, "class") : cls;
      provider = provider == null ? attr(tpl, "provider") : provider;
      type = type == null ? attr(tpl, "type") : type;
    }
    if (cls == null || type == null) {
      problems.add("primitive " + id + " has no class or type");
    } else if (!List.of(
            "ocf",
            "lsb",
            "service",
            "systemd",
            "stonith",
            "upstart",
            "nagios",
            "heartbeat",
            "alert")
        .contains(cls)) {
      problems.add("primitive " + id + " has unknown resource class '" + cls + "'");
    } else if (cls.equals("ocf") && provider == null) {
      problems.add("primitive " + id + " of class ocf has no provider");
    }
    List<NvSet> meta = sets(p, "meta_attributes");
    List<NvSet> inst = sets(p, "instance_attributes");
    List<NvSet> util = sets(p, "utilization");
    List<OpDef> ops = ops(p);
    if (tpl != null) {
      // The primitive's own values win over the template's: add the template's sets last.
      meta.addAll(sets(tpl, "meta_attributes"));
      inst.addAll(sets(tpl, "instance_attributes"));
      util.addAll(sets(tpl, "utilization"));
      for (OpDef o : ops(tpl)) {
        boolean overridden =
            ops.stream()
                .anyMatch(x -> x.name().equals(o.name()) && x.intervalMs() == o.intervalMs());
        if (!overridden) {
          ops.add(o);
        }
      }
    }
    return new ResourceDef.Primitive(id, cls, provider, type, meta, inst, util, ops);
  }

  private List<OpDef> ops(Element p) {
    List<OpDef> out = new ArrayList<>();
    Element ops = child(p, "operations");
    if (ops != null) {
      ops = resolveRef(ops);
    }
    for (Element o : children(ops, "op")) {
      o = resolveRef(o);
      Map<String, String> attrs = new LinkedHashMap<>();
      for (int i = 0; i < o.getAttributes().getLength(); i++) {
        var a = o.getAttributes().item(i);
        attrs.put(a.getNodeName(), a.getNodeValue());
      }
      List<NvSet> meta = sets(o, "meta_attributes");
      Map<String, String> params = new LinkedHashMap<>();
      for (NvSet s : sets(o, "instance_attributes")) {
        meta.add(s);
        s.values().forEach(params::putIfAbsent);
      }
      for (NvSet s : meta) {
        for (var e : s.values().entrySet()) {
          attrs.putIfAbsent(e.getKey(), e.getValue());
        }
      }
      long interval = 0;
      try {
        interval = ClusterOption.parseDurationMs(attrs.getOrDefault("interval", "0"));
      } catch (IllegalArgumentException e) {
        problems.add("op " + o.getAttribute("id") + " has invalid interval");
      }
      out.add(
          new OpDef(
              o.getAttribute("id"),
              attrs.get("name"),
              interval,
              attrs.get("role"),
              attrs,
              meta,
              params));
    }
    return out;
  }

  static List<ResourceSet> resourceSets(Element c, Map<String, List<String>> tags) {
    List<ResourceSet> out = new ArrayList<>();
    for (Element s : children(c, "resource_set")) {
      List<String> refs = new ArrayList<>();
      for (Element r : children(s, "resource_ref")) {
        String id = r.getAttribute("id");
        refs.addAll(tags.getOrDefault(id, List.of(id)));
      }
      String seq = attr(s, "sequential");
      String req = attr(s, "require-all");
      String score = attr(s, "score");
      out.add(
          new ResourceSet(
              s.getAttribute("id"),
              refs,
              seq == null || ClusterOption.isTrue(seq),
              req == null || ClusterOption.isTrue(req),
              attr(s, "role"),
              attr(s, "action"),
              attr(s, "kind"),
              score == null ? null : Score.parseOr(score, 0)));
    }
    return out;
  }
}
