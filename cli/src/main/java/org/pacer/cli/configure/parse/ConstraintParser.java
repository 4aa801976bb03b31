package org.pacer.cli.configure.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pacer.cli.configure.model.AttrSet;
import org.pacer.cli.configure.model.Definition;
import org.pacer.cli.configure.model.NvPair;
import org.pacer.cli.configure.model.ResourceSet;
import org.pacer.cli.configure.model.Rule;
import org.pacer.cli.configure.model.SetKind;

/** Constraints, fencing topology, alerts and ACLs. */
final class ConstraintParser {

  private ConstraintParser() {}

  static Definition location(Cursor c) throws ParseException {
    String id = ConfigureParser.id(c, "a constraint id");
    Token r = c.expect("a resource, /pattern/ or { resource set }");
    String rsc = null;
    String pattern = null;
    List<ResourceSet> sets = null;
    if (r.is("{")) {
      sets = new ArrayList<>();
      List<String> members = new ArrayList<>();
      String role = null;
      Map<String, String> attrs = new LinkedHashMap<>();
      while (true) {
        Token t = c.expect("\"}\" closing the resource set");
        if (t.is("}")) {
          break;
        }
        if (t.text().contains("=")) {
          NvPair p = SetParser.pair(t);
          attrs.put(p.name(), p.value());
        } else {
          String[] m = t.text().split(":", 2);
          members.add(m[0]);
          if (m.length > 1) {
            role = m[1];
          }
        }
      }
      if (members.isEmpty()) {
        throw c.error("the resource set of location " + id + " is empty");
      }
      sets.add(new ResourceSet(null, members, role, attrs));
    } else if (r.text().length() > 2 && r.text().startsWith("/") && r.text().endsWith("/")) {
      pattern = r.text().substring(1, r.text().length() - 1);
    } else {
      rsc = r.text();
    }
    String role = null;
    String discovery = null;
    while (SetParser.isPair(c.peek())) {
      NvPair p = SetParser.pair(c.peek());
      if (p.name().equals("role") || p.name().equals("$role")) {
        role = p.value();
      } else if (p.name().equals("resource-discovery")) {
        discovery = p.value();
      } else {
        throw c.errorAt(c.peek(), "expected role=, resource-discovery=, a score or rule");
      }
      c.next();
    }
    List<Rule> rules = new ArrayList<>();
    String score = null;
    String node = null;
    if (c.peekIs("rule")) {
      while (c.accept("rule")) {
        rules.add(SetParser.rule(c, true));
      }
    } else {
      Token s = c.expect("a score such as \"100:\" followed by a node, or \"rule\"");
      if (!s.text().endsWith(":") || s.quoted()) {
        throw c.errorAt(s, "expected a score such as \"100:\" followed by a node, or \"rule\"");
      }
      score = s.text().substring(0, s.text().length() - 1);
      score = SetParser.isScore(score) ? SetParser.normalizeScore(score) : score;
      node = c.expect("a node name after \"" + s.text() + "\"").text();
    }
    return new Definition.Location(id, rsc, pattern, sets, role, discovery, score, node, rules);
  }

  static Definition colocation(Cursor c) throws ParseException {
    String id = ConfigureParser.id(c, "a constraint id");
    String score = scoreWord(c, "a score such as \"inf:\"");
    Map<String, String> attrs = new LinkedHashMap<>();
    List<ResourceSet> sets = sets(c, attrs);
    requireTwo(c, "colocation", id, sets);
    return new Definition.Colocation(id, normal(score), sets, attrs);
  }

  static Definition order(Cursor c) throws ParseException {
    String id = ConfigureParser.id(c, "a constraint id");
    String kind = null;
    String score = null;
    Token t = c.peek();
    if (t != null && !t.quoted() && t.text().endsWith(":") && t.text().length() > 1) {
      String w = c.next().text();
      w = w.substring(0, w.length() - 1);
      switch (w) {
        case "Mandatory", "Optional", "Serialize" -> kind = w;
        default -> score = normal(w);
      }
    }
    Map<String, String> attrs = new LinkedHashMap<>();
    List<ResourceSet> sets = sets(c, attrs);
    requireTwo(c, "order", id, sets);
    return new Definition.Order(id, kind, score, sets, attrs);
  }

  static Definition ticket(Cursor c) throws ParseException {
    String id = ConfigureParser.id(c, "a constraint id");
    String ticket = scoreWord(c, "a ticket name followed by \":\"");
    Map<String, String> attrs = new LinkedHashMap<>();
    List<ResourceSet> sets = sets(c, attrs);
    if (sets.isEmpty()) {
      throw c.error("expected the resources that depend on ticket " + ticket);
    }
    return new Definition.Ticket(id, ticket, sets, attrs);
  }

  private static String normal(String score) {
    return SetParser.isScore(score) ? SetParser.normalizeScore(score) : score;
  }

  private static String scoreWord(Cursor c, String what) throws ParseException {
    Token s = c.expect(what);
    if (!s.text().endsWith(":") || s.text().length() < 2 || s.quoted()) {
      throw c.errorAt(s, "expected " + what);
    }
    return s.text().substring(0, s.text().length() - 1);
  }

  private static void requireTwo(Cursor c, String what, String id, List<ResourceSet> sets)
      throws ParseException {
    int n = 0;
    for (ResourceSet s : sets) {
      n += s.resources().size();
    }
    if (n < 2 && sets.size() < 2) {
      throw c.error(what + " " + id + " needs at least two resources");
    }
  }

  /** Resource sets; name=value words outside brackets go to {@code trailing}. */
  static List<ResourceSet> sets(Cursor c, Map<String, String> trailing) throws ParseException {
    List<ResourceSet> out = new ArrayList<>();
    List<String> run = new ArrayList<>();
    String runRole = null;
    while (!c.atEnd()) {
      Token t = c.next();
      if (t.is("(") || t.is("[")) {
        if (!run.isEmpty()) {
          out.add(new ResourceSet(null, run, runRole, Map.of()));
          run = new ArrayList<>();
        }
        String close = t.is("(") ? ")" : "]";
        List<String> members = new ArrayList<>();
        String role = null;
        Map<String, String> attrs = new LinkedHashMap<>();
        while (true) {
          Token m = c.expect("\"" + close + "\" closing the resource set");
          if (m.is(close)) {
            break;
          }
          if (m.is("(") || m.is("[") || m.is(")") || m.is("]")) {
            throw c.errorAt(m, "resource sets cannot be nested; expected \"" + close + "\"");
          }
          if (m.text().contains("=")) {
            NvPair p = SetParser.pair(m);
            attrs.put(p.name(), p.value());
          } else {
            String[] parts = m.text().split(":", 2);
            members.add(parts[0]);
            if (parts.length > 1) {
              role = parts[1];
            }
          }
        }
        out.add(new ResourceSet(t.text(), members, role, attrs));
      } else if (t.is(")") || t.is("]")) {
        throw c.errorAt(t, "no resource set is open here");
      } else if (t.text().contains("=")) {
        NvPair p = SetParser.pair(t);
        trailing.put(p.name(), p.value());
      } else {
        String[] parts = t.text().split(":", 2);
        String role = parts.length > 1 ? parts[1] : null;
        if (!run.isEmpty() && !java.util.Objects.equals(role, runRole)) {
          out.add(new ResourceSet(null, run, runRole, Map.of()));
          run = new ArrayList<>();
        }
        run.add(parts[0]);
        runRole = role;
      }
    }
    if (!run.isEmpty()) {
      out.add(new ResourceSet(null, run, runRole, Map.of()));
    }
    return out;
  }

  static Definition fencingTopology(Cursor c) throws ParseException {
    List<Definition.FencingTopology.Level> levels = new ArrayList<>();
    String target = null;
    String pattern = null;
    String attr = null;
    String value = null;
    boolean any = false;
    while (!c.atEnd()) {
      Token t = c.next();
      String s = t.text();
      if (s.endsWith(":") && s.length() > 1) {
        target = s.substring(0, s.length() - 1);
        pattern = attr = value = null;
      } else if (s.startsWith("pattern:")) {
        pattern = s.substring(8);
        target = attr = value = null;
      } else if (s.startsWith("attr:") && s.contains("=")) {
        attr = s.substring(5, s.indexOf('='));
        value = s.substring(s.indexOf('=') + 1);
        target = pattern = null;
      } else {
        levels.add(new Definition.FencingTopology.Level(target, pattern, attr, value, s));
        any = true;
      }
    }
    if (!any) {
      throw c.error("expected fencing devices");
    }
    return new Definition.FencingTopology(levels);
  }

  static Definition alert(Cursor c) throws ParseException {
    String id = ConfigureParser.id(c, "an alert id");
    String path = c.expect("the path of the alert script").text();
    String description = null;
    List<AttrSet> sets = new ArrayList<>();
    List<String> select = new ArrayList<>();
    List<String> selectAttributes = new ArrayList<>();
    List<Definition.Alert.Recipient> recipients = new ArrayList<>();
    while (!c.atEnd()) {
      Token t = c.next();
      if (t.text().startsWith("description=")) {
        description = t.text().substring(12);
      } else if (t.is("attributes")) {
        sets.add(SetParser.attrSet(c, SetKind.ATTRIBUTES, false));
      } else if (t.is("meta")) {
        sets.add(SetParser.attrSet(c, SetKind.META, false));
      } else if (t.is("select")) {
        while (c.peekIsAny("nodes", "fencing", "resources", "attributes")) {
          Token w = c.next();
          select.add(w.text());
          if (w.is("attributes") && c.accept("{")) {
            while (!c.accept("}")) {
              selectAttributes.add(c.expect("\"}\" closing the attribute list").text());
            }
          }
        }
      } else if (t.is("to")) {
        boolean brace = c.accept("{");
        String value = c.expect("a recipient after \"to\"").text();
        List<AttrSet> rsets = new ArrayList<>();
        String rdesc = null;
        // attributes and meta after a recipient are the recipient's (up to the next "to"), as
        // crmsh reads them; braces only make that explicit
        while (c.peekIsAny("attributes", "meta")
            || (c.peek() != null && c.peek().text().startsWith("description="))) {
          Token w = c.next();
          if (w.text().startsWith("description=")) {
            rdesc = w.text().substring(12);
          } else {
            rsets.add(
                SetParser.attrSet(c, w.is("meta") ? SetKind.META : SetKind.ATTRIBUTES, false));
          }
        }
        if (brace) {
          c.expectWord("}");
        }
        recipients.add(new Definition.Alert.Recipient(value, null, rdesc, rsets));
      } else {
        throw c.errorAt(t, "expected attributes, meta, select or to");
      }
    }
    return new Definition.Alert(id, path, description, sets, select, selectAttributes, recipients);
  }

  static Definition role(Cursor c) throws ParseException {
    String id = ConfigureParser.id(c, "a role id");
    List<Definition.Role.Permission> perms = new ArrayList<>();
    while (!c.atEnd()) {
      Token right = c.next();
      if (!right.is("read") && !right.is("write") && !right.is("deny")) {
        throw c.errorAt(right, "expected read, write or deny");
      }
      List<String> spec = new ArrayList<>();
      while (!c.atEnd() && !c.peekIsAny("read", "write", "deny")) {
        spec.add(c.next().text());
      }
      if (spec.isEmpty()) {
        throw c.error("expected what \"" + right.text() + "\" applies to");
      }
      perms.add(new Definition.Role.Permission(right.text(), spec));
    }
    if (perms.isEmpty()) {
      throw c.error("expected read, write or deny rules for role " + id);
    }
    return new Definition.Role(id, perms);
  }

  static Definition aclTarget(Cursor c, String kind) throws ParseException {
    String id = ConfigureParser.id(c, "an " + kind + " id");
    List<String> roles = new ArrayList<>();
    while (!c.atEnd()) {
      String r = c.next().text();
      roles.add(r.startsWith("role:") ? r.substring(5) : r);
    }
    return new Definition.AclTarget(kind, id, roles);
  }
}
