package org.pacer.cli.configure.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pacer.cli.configure.model.Command;
import org.pacer.cli.configure.model.Definition;
import org.pacer.cli.configure.parse.ConfigureParser;
import org.pacer.cli.configure.parse.Lexer;
import org.pacer.cli.configure.parse.ParseException;
import org.pacer.cli.configure.parse.Statement;
import org.pacer.cli.configure.store.CibStoreException;
import org.pacer.cli.configure.store.CibXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Many definitions at once (load, edit, filter): resources before what refers to them, members free
 * to move between containers, and for a replace the text's order and comments kept.
 */
final class DefinitionLoader {
  private final Cib cib;
  private final CibEditor editor;
  private final Document work;

  DefinitionLoader(Cib cib, CibEditor editor) {
    this.cib = cib;
    this.editor = editor;
    this.work = cib.doc();
  }

  /** The configuration becomes what the text defines (nodes included). */
  void replaceAll(List<Command.Define> defs) throws EditException {
    new Mutations(cib).erase(true, true);
    apply(defs);
    keepTextOrder(defs);
    Element topology = cib.sectionIfPresent("fencing-topology");
    boolean defined =
        defs.stream()
            .anyMatch(
                d ->
                    d.definition() instanceof Definition.FencingTopology
                        || d.definition() instanceof Definition.RawXml r
                            && r.xml().startsWith("<fencing-topology"));
    if (topology != null && !defined) {
      topology.getParentNode().removeChild(topology);
    }
    placeSiblingComments(defs);
  }

  /** Each object is created, or replaced where it stands. */
  void update(List<Command.Define> defs) throws EditException {
    apply(defs);
    placeSiblingComments(defs);
  }

  /** {@code xml <section><!--...--></section>}: a comment standing between objects. */
  private static boolean isSiblingComment(Command.Define d) {
    return d.definition() instanceof Definition.RawXml x
        && x.xml().matches("(?s)<([a-z_-]+)>(<!--.*?-->)+</\\1>");
  }

  /**
   * Puts each sibling comment before the next object of the text that lives in its section (or in a
   * section of it), else at the end of the section.
   */
  private void placeSiblingComments(List<Command.Define> defs) throws EditException {
    for (int i = 0; i < defs.size(); i++) {
      if (!isSiblingComment(defs.get(i))) {
        continue;
      }
      Definition.RawXml x = (Definition.RawXml) defs.get(i).definition();
      Document d;
      try {
        d = CibXml.parse(x.xml());
      } catch (CibStoreException e) {
        throw new EditException("load: " + e.getMessage());
      }
      String tag = d.getDocumentElement().getTagName();
      Element target = tag.equals("configuration") ? cib.configuration() : cib.section(tag);
      org.w3c.dom.Node before = null;
      for (int j = i + 1; j < defs.size() && before == null; j++) {
        if (isSiblingComment(defs.get(j))) {
          continue;
        }
        Definition next = defs.get(j).definition();
        Element e =
            next instanceof Definition.FencingTopology
                    || next instanceof Definition.RawXml r
                        && r.xml().startsWith("<fencing-topology")
                ? cib.sectionIfPresent("fencing-topology")
                : next.id() == null
                    ? null
                    : cib.object(
                        next instanceof Definition.ClusterSet cs
                            ? CibEditor.clusterSetId(cs)
                            : next.id());
        for (org.w3c.dom.Node n = e; n != null; n = n.getParentNode()) {
          if (n.getParentNode() == target) {
            before = n;
            break;
          }
        }
        break;
      }
      for (org.w3c.dom.Node c = d.getDocumentElement().getFirstChild();
          c != null;
          c = c.getNextSibling()) {
        target.insertBefore(work.createComment(c.getNodeValue()), before);
      }
    }
  }

  /** After a replace, objects stand in each section in the order the text gave them. */
  private void keepTextOrder(List<Command.Define> defs) {
    Map<String, Integer> rank = new HashMap<>();
    for (int i = 0; i < defs.size(); i++) {
      Definition d = defs.get(i).definition();
      String id = d instanceof Definition.ClusterSet cs ? CibEditor.clusterSetId(cs) : d.id();
      boolean node =
          d instanceof Definition.Node
              || (d instanceof Definition.RawXml x && x.xml().startsWith("<node"));
      rank.putIfAbsent(node ? "node:" + id : id, i);
    }
    for (Element sec : CibXml.children(cib.configuration())) {
      List<Element> kids = CibXml.children(sec);
      List<Element> sorted = new ArrayList<>(kids);
      sorted.sort(
          java.util.Comparator.comparingInt(
              e ->
                  rank.getOrDefault(
                      (e.getTagName().equals("node") ? "node:" : "") + e.getAttribute("id"),
                      Integer.MAX_VALUE)));
      if (!sorted.equals(kids)) {
        for (Element e : sorted) {
          sec.appendChild(e);
        }
      }
    }
  }

  void loadXml(String text, boolean replace) throws EditException {
    Document d;
    try {
      d = CibXml.parse(text);
    } catch (CibStoreException e) {
      throw new EditException("load: " + e.getMessage());
    }
    Element root = d.getDocumentElement();
    Element conf = root.getTagName().equals("cib") ? CibXml.child(root, "configuration") : root;
    if (conf == null || !conf.getTagName().equals("configuration")) {
      throw new EditException("load: the XML holds no <configuration>");
    }
    if (replace) {
      Element mine = cib.configuration();
      mine.getParentNode().replaceChild(work.importNode(conf, true), mine);
      return;
    }
    Cib theirs = new Cib(d.getDocumentElement().getTagName().equals("cib") ? d : wrap(conf));
    for (Element e : theirs.objects()) {
      if (e.getParentNode() instanceof Element p && cib.isResource(p)) {
        continue;
      }
      Element mine = cib.object(Cib.objectId(e));
      Element copy = (Element) work.importNode(e, true);
      if (mine != null) {
        mine.getParentNode().replaceChild(copy, mine);
      } else {
        String sec = ((Element) e.getParentNode()).getTagName();
        if (e.getTagName().equals("fencing-topology")) {
          cib.configuration().appendChild(copy);
        } else {
          cib.section(sec).appendChild(copy);
        }
      }
    }
  }

  private static Document wrap(Element conf) {
    Document d = CibXml.empty();
    Element c = CibXml.child(d.getDocumentElement(), "configuration");
    d.getDocumentElement().replaceChild(d.importNode(conf, true), c);
    return d;
  }

  static List<Command.Define> parse(String text, String what) throws EditException {
    List<Command.Define> defs = new ArrayList<>();
    try {
      for (Statement s : Lexer.split(text)) {
        Command c = ConfigureParser.parse(s);
        if (!(c instanceof Command.Define d)) {
          throw new EditException(
              what + ": line " + s.line() + ": only object definitions may appear here");
        }
        defs.add(d);
      }
    } catch (ParseException e) {
      throw new EditException(what + ": " + e.getMessage());
    }
    return defs;
  }

  /** Creates or replaces each object, resources before what refers to them. */
  private void apply(List<Command.Define> defs) throws EditException {
    List<Command.Define> ordered = new ArrayList<>(defs);
    ordered.removeIf(DefinitionLoader::isSiblingComment);
    ordered.sort(java.util.Comparator.comparingInt(d -> applyRank(d.definition())));
    editor.unwrapRedefined(ordered);
    for (Command.Define d : ordered) {
      editor.define(d.definition(), d.comments(), true);
    }
  }

  private static int applyRank(Definition d) {
    if (d instanceof Definition.RawXml x) {
      String tag = x.xml().substring(1).split("[\\s/>]", 2)[0];
      return switch (tag) {
        case "node" -> 0;
        case "template" -> 1;
        case "primitive" -> 2;
        case "group" -> 3;
        case "clone", "master", "bundle" -> 4;
        case "tag" -> 7;
        default -> 5;
      };
    }
    if (d instanceof Definition.Node) {
      return 0;
    } else if (d instanceof Definition.Primitive p) {
      return p.template() ? 1 : 2;
    } else if (d instanceof Definition.Container c) {
      return c.kind().equals("group") ? 3 : 4;
    } else if (d instanceof Definition.Bundle) {
      return 4;
    } else if (d instanceof Definition.Tag) {
      return 7;
    } else if (d instanceof Definition.AclTarget) {
      return 6;
    }
    return 5;
  }
}
