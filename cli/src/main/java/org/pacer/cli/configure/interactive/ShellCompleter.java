package org.pacer.cli.configure.interactive;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.pacer.cli.configure.agents.OcfAgents;
import org.pacer.cli.configure.session.CrmShell;
import org.pacer.cli.configure.session.Levels;
import org.pacer.cli.configure.store.CibStoreException;
import org.pacer.cli.configure.store.CibXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Completes what may come next at the shell's current level. */
final class ShellCompleter implements Completer {
  static final List<String> PRIMITIVE_WORDS =
      List.of("params", "meta", "utilization", "op", "operations");

  private final CrmShell shell;
  private final OcfAgents agents;

  ShellCompleter(CrmShell shell, OcfAgents agents) {
    this.shell = shell;
    this.agents = agents;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> out) {
    List<String> words = new ArrayList<>(line.words().subList(0, line.wordIndex()));
    String level = shell.currentLevel();
    if (!words.isEmpty()
        && level.isEmpty()
        && List.of("configure", "resource", "node").contains(words.get(0))) {
      level = words.remove(0);
    }
    for (String c : candidates(level, words)) {
      out.add(new Candidate(c, c, null, null, null, null, !c.endsWith("=") && !c.endsWith(":")));
    }
  }

  List<String> candidates(String level, List<String> words) {
    if (words.isEmpty()) {
      return Levels.commands(level);
    }
    String cmd = words.get(0);
    if (level.equals("resource")) {
      if (words.size() == 1) {
        return ids("primitive", "group", "clone", "master", "bundle");
      }
      if (words.size() == 2 && List.of("failcount", "param", "meta", "utilization").contains(cmd)) {
        return List.of("show", "set", "delete");
      }
      return nodes();
    }
    if (level.equals("node")) {
      if (words.size() == 2 && List.of("status-attr", "attribute", "utilization").contains(cmd)) {
        return List.of("show", "set", "delete");
      }
      if (words.size() == 2 && List.of("standby", "online").contains(cmd)) {
        return List.of("reboot", "forever");
      }
      return nodes();
    }
    if (level.isEmpty() && cmd.equals("status")) {
      return List.of(
          "bynode",
          "inactive",
          "ops",
          "timing",
          "failcounts",
          "verbose",
          "quiet",
          "xml",
          "simple",
          "tickets",
          "noheaders",
          "detail",
          "brief",
          "full",
          "--watch");
    }
    if (!level.equals("configure")) {
      return List.of();
    }
    return switch (cmd) {
      case "primitive", "rsc_template" -> primitive(words);
      case "group", "clone", "ms" -> words.size() >= 2 ? ids("primitive", "group") : List.of();
      case "location" -> words.size() == 2 ? resources() : nodes();
      case "colocation", "order", "rsc_ticket", "tag", "monitor" ->
          words.size() >= 2 ? resources() : List.of();
      case "show", "edit", "delete", "rename", "filter", "save" -> objects();
      case "set", "modgroup" -> objects();
      default -> List.of();
    };
  }

  /** After the id: agents; after the agent: keywords and the agent's parameters. */
  private List<String> primitive(List<String> words) {
    if (words.size() == 2) {
      List<String> out = new ArrayList<>(agents.names());
      out.add("@");
      return out;
    }
    if (words.size() < 3) {
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>(PRIMITIVE_WORDS);
    String agent = words.get(2);
    String[] p = agent.split(":", 3);
    OcfAgents.Agent a =
        p.length == 3
            ? agents.find(p[0], p[1], p[2])
            : p.length == 1 ? agents.find("ocf", "heartbeat", p[0]) : new OcfAgents.Unknown();
    if (a instanceof OcfAgents.Installed i) {
      for (String name : i.parameters()) {
        out.add(name + "=");
      }
    }
    return new ArrayList<>(out);
  }

  private List<String> resources() {
    return ids("primitive", "group", "clone", "master", "bundle", "tag");
  }

  private List<String> objects() {
    List<String> out = new ArrayList<>();
    Document d = cib();
    if (d == null) {
      return out;
    }
    Element conf = CibXml.child(d.getDocumentElement(), "configuration");
    NodeList all = conf.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      String t = e.getTagName();
      if (e.hasAttribute("id")
          && (t.equals("primitive")
              || t.equals("group")
              || t.equals("clone")
              || t.equals("master")
              || t.equals("bundle")
              || t.equals("template")
              || t.startsWith("rsc_")
              || t.equals("tag")
              || t.equals("node")
              || t.equals("alert")
              || t.startsWith("acl_"))) {
        out.add(e.getAttribute("id"));
      }
    }
    return out;
  }

  private List<String> ids(String... tags) {
    List<String> out = new ArrayList<>();
    Document d = cib();
    if (d == null) {
      return out;
    }
    for (String t : tags) {
      NodeList l = d.getElementsByTagName(t);
      for (int i = 0; i < l.getLength(); i++) {
        Element e = (Element) l.item(i);
        if (e.hasAttribute("id") && !(t.equals("tag") && e.getParentNode() == null)) {
          out.add(e.getAttribute("id"));
        }
      }
    }
    return out;
  }

  private List<String> nodes() {
    List<String> out = new ArrayList<>();
    Document d = cib();
    if (d == null) {
      return out;
    }
    NodeList l = d.getElementsByTagName("node");
    for (int i = 0; i < l.getLength(); i++) {
      Element e = (Element) l.item(i);
      if (e.getParentNode() instanceof Element p && p.getTagName().equals("nodes")) {
        out.add(e.hasAttribute("uname") ? e.getAttribute("uname") : e.getAttribute("id"));
      }
    }
    return out;
  }

  private Document cib() {
    try {
      return shell.currentCib();
    } catch (CibStoreException e) {
      return null;
    }
  }
}
