package org.pacer.cli.configure.live;

import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pacer.cli.configure.store.CibXml;
import org.pacer.pengine.Simulator;
import org.pacer.pengine.unpack.CibException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Where resources are active, as the scheduler sees the status section (crm_resource --locate):
 * read from pengine's own status listing, the one crm_mon shows, so the shell and crm_mon never
 * disagree about where something runs.
 */
public final class Locations {
  /** A primitive (or instance) line: {@code * id\t(class:type):\t Started n1}. */
  private static final Pattern PRIMITIVE =
      Pattern.compile("\\* (\\S+)\\t\\([^)]*\\):\\t (\\S+)(?: (.*))?");

  /** A collapsed clone line: {@code * Started: [ n1 n2 ]}. */
  private static final Pattern COLLAPSED =
      Pattern.compile("\\* (\\S+?)(?: \\([^)]*\\))?: \\[ (.*) \\]");

  /**
   * A container heading: {@code * Clone Set: c [child] (promotable):}, {@code * Resource Group:
   * g:}.
   */
  private static final Pattern HEADING =
      Pattern.compile(
          "\\* (?:Clone Set|Resource Group|Container bundle set|Container bundle): (\\S+?)(?: \\[(\\S+)\\])?(?: \\(.*\\))?:?");

  /** Per resource id (each primitive, its instances' base id, and every container above it). */
  private final Map<String, Set<String>> active = new LinkedHashMap<>();

  /** Nodes where an id runs promoted. */
  private final Map<String, Set<String>> promoted = new LinkedHashMap<>();

  private Locations() {}

  /** Reads the CIB's status as the scheduler does now. */
  public static Locations of(Document cib, LocalDateTime now) throws CibException {
    String text = Simulator.schedule(cib, now).status(false);
    return parse(text, cib);
  }

  static Locations parse(String status, Document cib) {
    Locations l = new Locations();
    Deque<Frame> stack = new ArrayDeque<>();
    for (String line : status.split("\n")) {
      int indent = indent(line);
      String t = line.trim();
      while (!stack.isEmpty() && stack.peek().indent >= indent) {
        stack.pop();
      }
      Matcher h = HEADING.matcher(t);
      if (h.matches()) {
        stack.push(new Frame(indent, h.group(1), h.group(2)));
        continue;
      }
      Matcher p = PRIMITIVE.matcher(t);
      if (p.matches()) {
        String id = p.group(1);
        String base = id.contains(":") ? id.substring(0, id.indexOf(':')) : id;
        List<String> nodes = nodes(p.group(3));
        String state = p.group(2);
        if (!state.equals("Stopped") && !nodes.isEmpty()) {
          Set<String> ids = new LinkedHashSet<>(List.of(id, base));
          stack.forEach(f -> ids.addAll(f.ids()));
          l.add(ids, nodes, isPromoted(state));
        }
        continue;
      }
      Matcher c = COLLAPSED.matcher(t);
      if (c.matches() && !stack.isEmpty() && !c.group(1).startsWith("Stopped")) {
        Set<String> ids = new LinkedHashSet<>();
        stack.forEach(f -> ids.addAll(f.ids()));
        // a collapsed line stands for whole instances: every primitive below the clone's child
        for (Frame f : stack) {
          if (f.child != null) {
            ids.addAll(primitivesUnder(cib, f.child));
          }
        }
        l.add(ids, List.of(c.group(2).trim().split("\\s+")), isPromoted(c.group(1)));
      }
    }
    return l;
  }

  /** The nodes where {@code id} is active (empty: not running anywhere). */
  public List<String> nodesOf(String id) {
    return new ArrayList<>(active.getOrDefault(id, Set.of()));
  }

  public boolean promotedOn(String id, String node) {
    return promoted.getOrDefault(id, Set.of()).contains(node);
  }

  private void add(Set<String> ids, List<String> nodes, boolean isPromoted) {
    for (String id : ids) {
      active.computeIfAbsent(id, k -> new LinkedHashSet<>()).addAll(nodes);
      if (isPromoted) {
        promoted.computeIfAbsent(id, k -> new LinkedHashSet<>()).addAll(nodes);
      }
    }
  }

  private static boolean isPromoted(String state) {
    return state.startsWith("Promoted") || state.startsWith("Master");
  }

  /** "n1", "n1 (UNCLEAN)", "[ n1 n2 ]", "n1 (blocked)": the node names. */
  static List<String> nodes(String rest) {
    List<String> out = new ArrayList<>();
    if (rest == null || rest.isBlank()) {
      return out;
    }
    String r = rest.trim();
    if (r.startsWith("[")) {
      int end = r.indexOf(']');
      for (String n : r.substring(1, end < 0 ? r.length() : end).trim().split("\\s+")) {
        if (!n.isEmpty()) {
          out.add(n);
        }
      }
      return out;
    }
    out.add(r.split("\\s+")[0]);
    return out;
  }

  private static List<String> primitivesUnder(Document cib, String id) {
    List<String> out = new ArrayList<>();
    Element conf = CibXml.child(cib.getDocumentElement(), "configuration");
    Element resources = conf == null ? null : CibXml.child(conf, "resources");
    Element e = resources == null ? null : find(resources, id);
    if (e != null) {
      collect(e, out);
    }
    return out;
  }

  private static Element find(Element parent, String id) {
    for (Element c : CibXml.children(parent)) {
      if (id.equals(c.getAttribute("id"))) {
        return c;
      }
      Element below = find(c, id);
      if (below != null) {
        return below;
      }
    }
    return null;
  }

  private static void collect(Element e, List<String> out) {
    if (e.getTagName().equals("primitive")) {
      out.add(e.getAttribute("id"));
      return;
    }
    for (Element c : CibXml.children(e)) {
      collect(c, out);
    }
  }

  private static int indent(String line) {
    int n = 0;
    while (n < line.length() && line.charAt(n) == ' ') {
      n++;
    }
    return n;
  }

  private record Frame(int indent, String id, String child) {
    List<String> ids() {
      String base = id.contains(":") ? id.substring(0, id.indexOf(':')) : id;
      return child == null ? List.of(id, base) : List.of(id, base, child);
    }
  }
}
