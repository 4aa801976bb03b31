package org.pacer.cli.configure.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pacer.cli.configure.model.AttrSet;
import org.pacer.cli.configure.model.Command;
import org.pacer.cli.configure.model.Definition;
import org.pacer.cli.configure.model.NvPair;
import org.pacer.cli.configure.model.Op;
import org.pacer.cli.configure.model.SetKind;

/** Turns statements of crmsh's configure language into {@link Command}s. */
public final class ConfigureParser {

  /** Keywords that end an attribute list inside a resource definition. */
  private static final Set<String> RESOURCE_KEYWORDS =
      Set.of("params", "meta", "utilization", "operations", "op", "op_params", "op_meta");

  private ConfigureParser() {}

  /** Parses every statement of a text (a file for {@code load}, an edited buffer, ...). */
  public static List<Command> parseAll(String text) throws ParseException {
    List<Command> out = new ArrayList<>();
    for (Statement s : Lexer.split(text)) {
      out.add(parse(s));
    }
    return out;
  }

  public static Command parse(Statement s) throws ParseException {
    Cursor c = new Cursor(s);
    Token head = c.next();
    String word = head.text();
    Command cmd =
        switch (word) {
          case "primitive" -> define(s, primitive(c, false));
          case "rsc_template" -> define(s, primitive(c, true));
          case "group" -> define(s, container(c, "group"));
          case "clone" -> define(s, container(c, "clone"));
          case "ms", "master" -> define(s, container(c, "master"));
          case "bundle" -> define(s, BundleParser.bundle(c));
          case "location" -> define(s, ConstraintParser.location(c));
          case "colocation", "collocation" -> define(s, ConstraintParser.colocation(c));
          case "order" -> define(s, ConstraintParser.order(c));
          case "rsc_ticket" -> define(s, ConstraintParser.ticket(c));
          case "property" -> define(s, clusterSet(c, SetKind.PROPERTY));
          case "rsc_defaults" -> define(s, clusterSet(c, SetKind.RSC_DEFAULTS));
          case "op_defaults" -> define(s, clusterSet(c, SetKind.OP_DEFAULTS));
          case "node" -> define(s, node(c));
          case "tag" -> define(s, tag(c));
          case "fencing_topology" -> define(s, ConstraintParser.fencingTopology(c));
          case "alert" -> define(s, ConstraintParser.alert(c));
          case "role" -> define(s, ConstraintParser.role(c));
          case "acl_target", "acl_group" -> define(s, ConstraintParser.aclTarget(c, word));
          case "xml" -> {
            rest(c);
            yield define(s, rawXml(s));
          }
          case "monitor" -> monitor(c);
          case "show" -> new Command.Show(c.accept("xml"), rest(c));
          case "save" -> save(c);
          case "load" -> load(c);
          case "commit" -> commit(c);
          case "verify" -> new Command.Verify();
          case "delete", "rm" -> delete(c);
          case "rename" -> rename(c);
          case "erase" -> erase(c);
          case "edit" -> new Command.Edit(c.accept("xml"), rest(c));
          case "filter" -> filter(c);
          case "set" -> set(c);
          case "modgroup" -> modgroup(c);
          case "refresh" -> new Command.Refresh();
          default ->
              throw new ParseException(head.line(), "unknown configure command \"" + word + "\"");
        };
    if (!(cmd instanceof Command.Show || cmd instanceof Command.Edit)) {
      c.expectEnd();
    }
    return cmd;
  }

  private static Command define(Statement s, Definition d) {
    return new Command.Define(d, s.comments());
  }

  private static List<String> rest(Cursor c) {
    List<String> out = new ArrayList<>();
    while (!c.atEnd()) {
      out.add(c.next().text());
    }
    return out;
  }

  static String id(Cursor c, String what) throws ParseException {
    Token t = c.expect(what);
    if (t.text().startsWith("id=") && t.text().length() > 3) {
      return t.text().substring(3);
    }
    if (t.text().isEmpty() || (!t.quoted() && RESOURCE_KEYWORDS.contains(t.text()))) {
      throw c.errorAt(t, "expected " + what);
    }
    return t.text();
  }

  private static Definition primitive(Cursor c, boolean template) throws ParseException {
    String id = id(c, template ? "a template name" : "a resource id");
    Token agent = c.expect("an agent such as ocf:heartbeat:IPaddr2 or @template");
    if (agent.text().contains("=")) {
      throw c.errorAt(agent, "expected an agent such as ocf:heartbeat:IPaddr2 or @template");
    }
    String description = null;
    List<AttrSet> sets = new ArrayList<>();
    String operationsId = null;
    String operationsIdRef = null;
    List<Op> ops = new ArrayList<>();
    int operationsAt = -1;
    while (!c.atEnd()) {
      Token t = c.peek();
      if (t.text().startsWith("description=")) {
        description = c.next().text().substring("description=".length());
      } else if (c.accept("params")) {
        sets.add(SetParser.attrSet(c, SetKind.PARAMS, false));
      } else if (c.accept("meta")) {
        sets.add(SetParser.attrSet(c, SetKind.META, false));
      } else if (c.accept("utilization")) {
        sets.add(SetParser.attrSet(c, SetKind.UTILIZATION, false));
      } else if (t.is("operations") || t.is("op")) {
        if (operationsAt < 0) {
          operationsAt = sets.size();
        }
        c.next();
        if (t.is("op")) {
          ops.add(op(c));
          continue;
        }
        Token idSpec = c.expect("$id=ID or $id-ref=ID after \"operations\"");
        if (idSpec.text().startsWith("$id=")) {
          operationsId = idSpec.text().substring(4);
        } else if (idSpec.text().startsWith("$id-ref=")) {
          operationsIdRef = idSpec.text().substring(8);
        } else {
          throw c.errorAt(idSpec, "expected $id=ID or $id-ref=ID after \"operations\"");
        }
      } else if (t.is("op_params") || t.is("op_meta")) {
        if (ops.isEmpty()) {
          throw c.errorAt(t, "expected \"op NAME\" before " + t.text());
        }
        c.next();
        Op last = ops.remove(ops.size() - 1);
        List<AttrSet> opSets = new ArrayList<>(last.sets());
        opSets.add(
            SetParser.attrSet(c, t.is("op_params") ? SetKind.OP_PARAMS : SetKind.OP_META, false));
        ops.add(new Op(last.name(), last.attributes(), opSets));
      } else if (SetParser.isPair(t) || t.is("rule")) {
        // crmsh takes name=value right after the agent as params
        sets.add(SetParser.attrSet(c, SetKind.PARAMS, false));
      } else {
        throw c.errorAt(t, "expected params, meta, utilization, operations, op or name=value");
      }
    }
    return new Definition.Primitive(
        template,
        id,
        agent.text(),
        description,
        sets,
        operationsId,
        operationsIdRef,
        ops,
        operationsAt < 0 ? sets.size() : operationsAt);
  }

  private static Op op(Cursor c) throws ParseException {
    Token name = c.expect("an operation name such as monitor after \"op\"");
    if (name.text().contains("=")) {
      throw c.errorAt(name, "expected an operation name such as monitor after \"op\"");
    }
    Map<String, String> attrs = new LinkedHashMap<>();
    while (SetParser.isPair(c.peek())) {
      NvPair p = SetParser.pair(c.next());
      attrs.put(p.name(), p.value());
    }
    return new Op(name.text(), attrs, List.of());
  }

  private static Definition container(Cursor c, String kind) throws ParseException {
    String id = id(c, "an id for the " + kind);
    List<String> children = new ArrayList<>();
    while (!c.atEnd() && !c.peekIsAny("meta", "params") && !c.peek().text().contains("=")) {
      children.add(c.next().text());
    }
    if (children.isEmpty()) {
      throw c.error("expected the resource(s) that " + kind + " " + id + " holds");
    }
    if (!kind.equals("group") && children.size() > 1) {
      throw new ParseException(
          c.line(), "a " + kind + " holds one resource; " + id + " names " + children);
    }
    String description = null;
    List<AttrSet> sets = new ArrayList<>();
    while (!c.atEnd()) {
      Token t = c.peek();
      if (t.text().startsWith("description=")) {
        description = c.next().text().substring("description=".length());
      } else if (c.accept("meta")) {
        sets.add(SetParser.attrSet(c, SetKind.META, false));
      } else if (c.accept("params")) {
        sets.add(SetParser.attrSet(c, SetKind.PARAMS, false));
      } else if (SetParser.isPair(t)) {
        sets.add(SetParser.attrSet(c, SetKind.META, false));
      } else {
        throw c.errorAt(t, "expected meta, params or description=");
      }
    }
    return new Definition.Container(kind, id, children, description, sets);
  }

  private static Definition clusterSet(Cursor c, SetKind kind) throws ParseException {
    return new Definition.ClusterSet(SetParser.attrSet(c, kind, true));
  }

  private static Definition node(Cursor c) throws ParseException {
    String id = null;
    Token t = c.expect("a node name");
    if (t.text().startsWith("$id=")) {
      id = t.text().substring(4);
      t = c.expect("a node name");
    } else if (t.text().endsWith(":") && !t.quoted()) {
      id = t.text().substring(0, t.text().length() - 1);
      t = c.expect("a node name after \"" + id + ":\"");
    }
    String uname = t.text();
    String type = null;
    int colon = uname.indexOf(':');
    if (colon > 0) {
      type = uname.substring(colon + 1);
      uname = uname.substring(0, colon);
    }
    String description = null;
    List<AttrSet> sets = new ArrayList<>();
    while (!c.atEnd()) {
      Token n = c.peek();
      if (n.text().startsWith("description=")) {
        description = c.next().text().substring("description=".length());
      } else if (c.accept("attributes")) {
        sets.add(SetParser.attrSet(c, SetKind.ATTRIBUTES, false));
      } else if (c.accept("utilization")) {
        sets.add(SetParser.attrSet(c, SetKind.UTILIZATION, false));
      } else if (SetParser.isPair(n)) {
        sets.add(SetParser.attrSet(c, SetKind.ATTRIBUTES, false));
      } else {
        throw c.errorAt(n, "expected attributes, utilization or description=");
      }
    }
    return new Definition.Node(id, uname, type, description, sets);
  }

  private static Definition tag(Cursor c) throws ParseException {
    String id = id(c, "a tag name");
    if (id.endsWith(":")) {
      id = id.substring(0, id.length() - 1);
    } else {
      c.accept(":");
    }
    List<String> refs = rest(c);
    if (refs.isEmpty()) {
      throw c.error("expected the objects tag " + id + " names");
    }
    return new Definition.Tag(id, refs);
  }

  private static Definition rawXml(Statement s) throws ParseException {
    String text = s.text().strip();
    String xml = text.substring(3).strip();
    if (!xml.startsWith("<")) {
      throw new ParseException(s.line(), "expected XML after \"xml\"");
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("^<[^>]*?\\sid=[\"']([^\"']*)[\"']").matcher(xml);
    return new Definition.RawXml(m.find() ? m.group(1) : null, xml);
  }

  private static Command monitor(Cursor c) throws ParseException {
    Token rsc = c.expect("a resource id after \"monitor\"");
    Token spec = c.expect("an interval such as 30s or 30s:20s");
    String[] r = rsc.text().split(":", 2);
    String[] i = spec.text().split(":", 2);
    return new Command.Monitor(r[0], r.length > 1 ? r[1] : null, i[0], i.length > 1 ? i[1] : null);
  }

  private static Command save(Cursor c) throws ParseException {
    boolean xml = c.accept("xml");
    List<String> words = rest(c);
    if (words.isEmpty()) {
      throw c.error("expected a file name to save to");
    }
    String file = words.remove(words.size() - 1);
    return new Command.Save(xml, words, file);
  }

  private static Command load(Cursor c) throws ParseException {
    boolean xml = c.accept("xml");
    Token method = c.expect("replace, update or push");
    if (!method.is("replace") && !method.is("update") && !method.is("push")) {
      throw c.errorAt(method, "expected replace, update or push");
    }
    Token src = c.expect("a file name or - for standard input");
    return new Command.Load(xml, method.text(), src.text());
  }

  private static Command commit(Cursor c) throws ParseException {
    boolean force = false;
    while (!c.atEnd()) {
      Token t = c.next();
      if (t.is("force")) {
        force = true;
      } else if (!t.is("replace")) {
        throw c.errorAt(t, "expected force or replace");
      }
    }
    return new Command.Commit(force);
  }

  private static Command delete(Cursor c) throws ParseException {
    List<String> ids = new ArrayList<>();
    while (!c.atEnd()) {
      Token t = c.next();
      if (!t.is("--force") && !t.is("force")) {
        ids.add(t.text());
      }
    }
    if (ids.isEmpty()) {
      throw c.error("expected the id(s) to delete");
    }
    return new Command.Delete(ids);
  }

  private static Command rename(Cursor c) throws ParseException {
    String from = c.expect("the id to rename").text();
    String to = c.expect("the new id").text();
    return new Command.Rename(from, to);
  }

  private static Command erase(Cursor c) throws ParseException {
    boolean nodes = false;
    if (!c.atEnd()) {
      Token t = c.next();
      if (!t.is("nodes")) {
        throw c.errorAt(t, "expected \"nodes\" or nothing");
      }
      nodes = true;
    }
    return new Command.Erase(nodes);
  }

  private static Command filter(Cursor c) throws ParseException {
    String program = c.expect("a filter program such as \"sed 's/a/b/'\"").text();
    boolean xml = c.accept("xml");
    return new Command.Filter(program, xml, rest(c));
  }

  private static Command set(Cursor c) throws ParseException {
    String path = c.expect("a path such as rsc.param").text();
    String value = c.expect("a value").text();
    if (!path.contains(".")) {
      throw new ParseException(c.line(), "set: \"" + path + "\" is not a path such as rsc.param");
    }
    return new Command.Set(path, value);
  }

  private static Command modgroup(Cursor c) throws ParseException {
    String group = c.expect("a group id").text();
    Token how = c.expect("add or remove");
    if (!how.is("add") && !how.is("remove")) {
      throw c.errorAt(how, "expected add or remove");
    }
    String rsc = c.expect("a resource id").text();
    String position = null;
    String ref = null;
    if (how.is("add") && c.peekIsAny("after", "before")) {
      position = c.next().text();
      ref = c.expect("a group member after \"" + position + "\"").text();
    }
    return new Command.Modgroup(group, how.is("add"), rsc, position, ref);
  }
}
