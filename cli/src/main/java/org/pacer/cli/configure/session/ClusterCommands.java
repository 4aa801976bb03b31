package org.pacer.cli.configure.session;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.pacer.cli.configure.live.ClusterAccess;
import org.pacer.cli.configure.live.Settle;
import org.pacer.cli.configure.parse.Token;
import org.pacer.cli.configure.store.CibFile;
import org.pacer.cli.configure.store.CibStore;
import org.pacer.cli.configure.store.CibStoreException;
import org.pacer.cli.configure.store.CibXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The resource and node level commands that only change the CIB's configuration (target-role,
 * is-managed, maintenance, move constraints, node attributes), so they work on a CIB file with no
 * cluster. Each command is one read-modify-write of the CIB.
 */
final class ClusterCommands {
  private final CibStore store;
  private final ShellOptions options;
  private final PrintWriter out;
  private final PrintWriter err;

  ClusterCommands(CibStore store, ShellOptions options, PrintWriter out, PrintWriter err) {
    this.store = store;
    this.options = options;
    this.out = out;
    this.err = err;
  }

  void run(String level, int line, List<Token> words) throws EditException, CibStoreException {
    List<String> w = new ArrayList<>();
    for (Token t : words) {
      w.add(t.text());
    }
    if (level.equals("node")
        && (w.get(0).equals("standby") || w.get(0).equals("online"))
        && (w.size() == 1 || w.get(1).equals("reboot") || w.get(1).equals("forever"))) {
      w.add(1, localNode(w.get(0)));
    }
    if (options.cluster != null && isStateCommand(level, w)) {
      LiveCommands live = new LiveCommands(store, options, out, err);
      if (level.equals("resource") && w.get(0).equals("restart")) {
        restart(w);
      } else if (level.equals("resource")) {
        live.resource(w);
      } else {
        live.node(w);
      }
      out.flush();
      err.flush();
      settleAfter(level, w);
      return;
    }
    Document doc = store.read();
    String epoch = CibFile.epochOf(doc);
    Cib cib = new Cib(doc);
    String before = CibXml.printCompact(cib.configuration());
    if (level.equals("resource")) {
      new ResourceLevel(cib, options, out, err).run(w);
    } else {
      node(cib, w);
    }
    out.flush();
    err.flush();
    if (!CibXml.printCompact(cib.configuration()).equals(before)) {
      store.replaceConfiguration(doc, epoch);
      if (forgetState != null) {
        store.deleteFromStatus("/cib/status/node_state[@uname='" + forgetState + "']");
      }
      settleAfter(level, w);
    }
  }

  /** A node deleted by this command, whose node_state goes too. */
  private String forgetState;

  private boolean isMember(String node) throws EditException {
    if (options.cluster == null) {
      return false;
    }
    try {
      var view = options.cluster.controller();
      return view.isPresent() && view.get().members().contains(node);
    } catch (ClusterAccess.ClusterException e) {
      throw new EditException("cannot tell whether " + node + " is a member: " + e.getMessage());
    }
  }

  /** This node's name, for standby/online without a node (crmsh's default). */
  private String localNode(String cmd) throws EditException {
    try {
      if (options.cluster != null) {
        var view = options.cluster.controller();
        if (view.isPresent()) {
          return view.get().node();
        }
      }
    } catch (ClusterAccess.ClusterException e) {
      throw new EditException(cmd + ": which node? " + e.getMessage());
    }
    throw new EditException(cmd + ": which node? (a CIB file has no local node; name it)");
  }

  /** Commands that read or change the cluster's state (status section, controller). */
  private static boolean isStateCommand(String level, List<String> w) {
    String cmd = w.get(0);
    if (level.equals("resource")) {
      return LiveCommands.RESOURCE.contains(cmd);
    }
    if (LiveCommands.NODE.contains(cmd)) {
      return true;
    }
    // standby/online with a lifetime of "reboot" is a transient attribute
    return (cmd.equals("standby") || cmd.equals("online"))
        && w.size() > 2
        && w.get(2).equals("reboot");
  }

  /** crm resource restart: stop, wait until stopped, start (crmsh waits the same way). */
  private void restart(List<String> w) throws EditException, CibStoreException {
    String rsc = arg(w, 1, "a resource");
    Settle settle = settle();
    run("resource", 0, tokens("stop", rsc));
    waitFor(settle, "stop " + rsc);
    run("resource", 0, tokens("start", rsc));
  }

  private static List<Token> tokens(String... words) {
    List<Token> t = new ArrayList<>();
    for (String w : words) {
      t.add(new Token(w, 0, false));
    }
    return t;
  }

  private Settle settle() throws EditException {
    return new Settle(store, options.cluster, options.clock);
  }

  /** With -w, waits after anything that changes what the cluster should do. */
  private void settleAfter(String level, List<String> w) throws EditException {
    if (options.waitTimeout == null || options.cluster == null) {
      return;
    }
    String cmd = w.get(0);
    boolean readOnly =
        switch (cmd) {
          case "status", "show", "list", "locate" -> true;
          case "param", "meta", "utilization", "failcount", "status-attr", "attribute" ->
              w.size() > 2 && w.get(2).equals("show");
          default -> false;
        };
    if (!readOnly) {
      waitFor(settle(), level + " " + cmd);
    }
  }

  private void waitFor(Settle settle, String what) throws EditException {
    try {
      settle.await(options.waitTimeout != null ? options.waitTimeout : RESTART_WAIT);
    } catch (ClusterAccess.ClusterException e) {
      throw new EditException(what + ": " + e.getMessage());
    }
  }

  /** How long restart waits for the stop when -w did not say. */
  private static final java.time.Duration RESTART_WAIT = java.time.Duration.ofSeconds(120);

  private void node(Cib cib, List<String> w) throws EditException {
    String cmd = w.get(0);
    AttributeEditor attrs = new AttributeEditor(cib);
    switch (cmd) {
      case "show", "list" -> {
        for (Element n : nodes(cib, w.size() > 1 ? w.get(1) : null)) {
          String type = n.hasAttribute("type") ? n.getAttribute("type") : "member";
          out.println(uname(n) + ": " + type);
          // crmsh lists the node's attributes under it, one per line
          for (Element set : CibXml.children(n)) {
            if (set.getTagName().equals("instance_attributes")) {
              for (Element nv : CibXml.children(set)) {
                out.println("\t" + nv.getAttribute("name") + "=" + nv.getAttribute("value"));
              }
            }
          }
        }
      }
      case "maintenance", "ready" -> {
        Element n = node(cib, arg(w, 1, "a node"));
        attrs.set(
            n,
            "instance_attributes",
            "maintenance",
            cmd.equals("maintenance") ? "true" : "off",
            "nodes-" + n.getAttribute("id"));
        if (cmd.equals("maintenance")) {
          // node maintenance covers every resource on it: per-resource flags are redundant
          removeEverywhere(cib, attrs, "maintenance");
          removeEverywhere(cib, attrs, "is-managed");
        }
      }
      case "standby", "online" -> {
        Element n = node(cib, arg(w, 1, "a node"));
        attrs.set(
            n,
            "instance_attributes",
            "standby",
            cmd.equals("standby") ? "on" : "off",
            "nodes-" + n.getAttribute("id"));
      }
      case "attribute", "utilization" -> {
        Element n = node(cib, arg(w, 1, "a node"));
        String setTag = cmd.equals("attribute") ? "instance_attributes" : "utilization";
        String action = arg(w, 2, "set, show or delete");
        String name = arg(w, 3, "an attribute name");
        String setId =
            cmd.equals("attribute")
                ? "nodes-" + n.getAttribute("id")
                : "nodes-" + n.getAttribute("id") + "-utilization";
        switch (action) {
          case "set" -> attrs.set(n, setTag, name, arg(w, 4, "a value"), setId);
          case "show" -> {
            Element p = AttributeEditor.find(n, setTag, name);
            if (p == null) {
              throw new EditException("node " + uname(n) + " has no attribute " + name);
            }
            out.println("scope=nodes  name=" + name + " value=" + p.getAttribute("value"));
          }
          case "delete" -> {
            if (!attrs.remove(n, setTag, name, false)) {
              throw new EditException("node " + uname(n) + " has no attribute " + name);
            }
          }
          default -> throw new EditException("node " + cmd + ": expected set, show or delete");
        }
      }
      case "delete" -> {
        Element n = node(cib, arg(w, 1, "a node"));
        if (isMember(uname(n))) {
          throw new EditException(
              "node delete: " + uname(n) + " is a member of the cluster; stop it first");
        }
        n.getParentNode().removeChild(n);
        forgetState = uname(n); // and what the status section records of it
      }
      default ->
          throw new EditException(
              "node " + cmd + " needs a running cluster; it cannot act on a CIB file");
    }
  }

  static void removeEverywhere(Cib cib, AttributeEditor attrs, String name) {
    for (Element r : cib.resources()) {
      attrs.remove(r, "meta_attributes", name, true);
    }
  }

  private static String uname(Element n) {
    return n.hasAttribute("uname") ? n.getAttribute("uname") : n.getAttribute("id");
  }

  private static List<Element> nodes(Cib cib, String name) throws EditException {
    List<Element> out = new ArrayList<>();
    Element sec = cib.sectionIfPresent("nodes");
    if (sec != null) {
      for (Element n : CibXml.children(sec)) {
        if (name == null || name.equals(uname(n)) || name.equals(n.getAttribute("id"))) {
          out.add(n);
        }
      }
    }
    if (name != null && out.isEmpty()) {
      throw new EditException("node " + name + " does not exist");
    }
    return out;
  }

  private static Element node(Cib cib, String name) throws EditException {
    return nodes(cib, name).get(0);
  }

  static String arg(List<String> w, int i, String what) throws EditException {
    if (w.size() <= i) {
      throw new EditException(w.get(0) + ": expected " + what);
    }
    return w.get(i);
  }
}
